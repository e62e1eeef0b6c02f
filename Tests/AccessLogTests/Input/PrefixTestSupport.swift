@testable import AccessLog

/// A `StrippedLine` copied out into strings, for comparisons.
struct Stripped: Equatable, CustomStringConvertible {
    var content: String
    var pod = ""
    var container = ""
    var namespace = ""
    var style = PrefixStyle.none
    var isPartial = false
    var isTruncated = false

    var description: String {
        "\(style) pod=\(pod) container=\(container) ns=\(namespace) partial=\(isPartial) content=\(content.debugDescription)"
    }
}

extension PrefixStripper {
    /// Strips `line` and copies the result out (the buffers are only valid until the next call).
    mutating func run(_ line: String) -> Stripped {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBytes { raw in
            let s = strip(raw)
            func text(_ b: UnsafeRawBufferPointer) -> String { String(decoding: b, as: UTF8.self) }
            return Stripped(content: text(s.content), pod: text(s.pod), container: text(s.container),
                            namespace: text(s.namespace), style: s.style, isPartial: s.isPartial,
                            isTruncated: s.isTruncated)
        }
    }
}

/// Real-looking istio-proxy lines.
enum IstioLines {
    static let grpc = #"[2024-05-06T07:08:09.123Z] "POST /shop.Orders/PlaceOrder HTTP/2" 200 - via_upstream - "-" 112 45 12 11 "-" "grpc-go/1.62.1" "7f1c9a0e-4b7d-4d0e-9a59-3f2f0c8e1a11" "orders.shop.svc.cluster.local:50051" "10.244.1.17:50051" outbound|50051||orders.shop.svc.cluster.local 10.244.2.5:41822 10.96.12.34:50051 10.244.2.5:50312 - default"#
    static let ipv6 = #"[2024-01-02T03:04:05.678Z] "GET /status/503 HTTP/1.1" 503 UF,URX upstream_reset_before_response_started{remote_connection_failure|delayed_connect_error:_Connection_refused} - "delayed_connect_error:_Connection_refused" 0 152 30 - "-" "curl/8.5.0" "0c9f3b2e-1111-4e0f-8a9b-5d6c7e8f9a0b" "httpbin:8000" "[2001:db8::5]:8001" outbound|8000||httpbin.default.svc.cluster.local - [2001:db8::9]:8000 [2001:db8::7]:52110 - default"#
    static let tcp = #"[2024-05-06T07:08:11.456Z] "- - -" 0 UH no_healthy_upstream - "-" 0 0 0 - "-" "-" "-" "-" "-" BlackHoleCluster - 10.96.7.7:5432 10.244.2.5:51234 - -"#
    static let json = #"{"start_time":"2024-05-06T07:08:09.123Z","route_name":"default","method":"GET","path":"/api/items?id=7","protocol":"HTTP/1.1","response_code":200,"response_flags":"-","response_code_details":"via_upstream","connection_termination_details":null,"bytes_received":0,"bytes_sent":512,"duration":7,"upstream_service_time":"6","x_forwarded_for":null,"user_agent":"Go-http-client/1.1","request_id":"a1b2c3d4-0000-4000-8000-123456789abc","authority":"items.shop:8080","upstream_host":"10.244.1.9:8080","upstream_cluster":"outbound|8080||items.shop.svc.cluster.local","upstream_local_address":"10.244.2.5:39000","downstream_local_address":"10.96.3.3:8080","downstream_remote_address":"10.244.2.5:39001","requested_server_name":null,"upstream_transport_failure_reason":null}"#
    static let pilotAgent = "2024-01-02T03:04:05.123456Z\tinfo\txdsproxy\tconnected to upstream XDS server: istiod.istio-system.svc:15012"
    static let envoyApp = "2024-07-13T10:00:00.000000Z\tdebug\tenvoy pool external/envoy/source/common/http/conn_pool_base.cc:78\tqueueing stream due to no available connections\tthread=21"
    static let envoyLegacy = "[2019-03-01 10:00:00.000][21][warning][config] [bazel-out/k8-opt/bin/external/envoy/source/common/config/_virtual_includes/grpc_stream_lib/common/config/grpc_stream.h:102] gRPC config stream closed: 14, no healthy upstream"
    static let envoyEpoch = "[Envoy (Epoch 0)] [2019-11-05 10:00:00.000][17][warning][config] [external/envoy/source/common/config/grpc_mux_impl.cc:164] gRPC config stream closed: 13,"
    static let jsonApp = #"{"level":"warning","time":"2024-07-13T10:00:00.000000Z","scope":"envoy config","msg":"gRPC config stream to xds-grpc closed: 13","caller":"external/envoy/source/extensions/config_subscription/grpc/grpc_stream.h:191","thread":21}"#
    static let ztunnel = "2024-05-06T07:08:09.123456Z\tinfo\taccess\tconnection complete\tsrc.addr=10.244.1.6:42020 src.workload=\"reviews-v1-7d9f8c6b5-abcde\" dst.service=\"productpage.default.svc.cluster.local\" direction=\"inbound\" bytes_sent=0 bytes_recv=0 duration=\"0ms\""
    static let headerDump = "':authority', 'httpbin.default.svc.cluster.local:8000'"
    static let appLine = #"10.0.0.1 - - [02/Jan/2024 10:00:00] "GET /api/items HTTP/1.1 200 0""#

    static let all = [grpc, ipv6, tcp, json]
    static let nonAccess = [pilotAgent, envoyApp, envoyLegacy, envoyEpoch, jsonApp, ztunnel, headerDump, appLine]
}

/// `s` as the text of a JSON string, escaped the way docker json-file writes it.
func jsonEscaped(_ s: String) -> String {
    var out = ""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\n": out += "\\n"
        case "<": out += "\\u003c"
        case ">": out += "\\u003e"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}
