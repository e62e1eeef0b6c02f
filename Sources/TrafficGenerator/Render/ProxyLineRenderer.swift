/// Writes a pilot-agent or Envoy application log line in the shape of the output's Istio version
/// (reference §10.2).
struct ProxyLineRenderer {
    let style: ProxyLogStyle

    private static let headers: [Text] = [
        "':authority', 'orders:50051'",
        "':path', '/shop.orders.v1.OrderService/GetOrder'",
        "':method', 'POST'",
        "'content-type', 'application/grpc'",
    ]

    func render(_ line: ProxyLine, into w: inout LineWriter) {
        if line.message == .headerLine {
            w.text(ProxyLineRenderer.headers[line.headerIndex % ProxyLineRenderer.headers.count])
            if line.headerIndex == TrafficGenerator.headerDumpLines - 1 && style == .tabbed117 {
                w.text("\tthread=")
                w.decimal(line.thread)
            }
            return
        }
        if line.message.isEnvoy { renderEnvoy(line, into: &w) } else { renderAgent(line, into: &w) }
    }

    // MARK: pilot-agent (Go zap console encoder, or JSON with logAsJson)

    private func renderAgent(_ line: ProxyLine, into w: inout LineWriter) {
        let (level, scope): (Text, Text) = switch line.message {
        case .xdsConnected: ("info", "xdsproxy")
        case .adsConnection: ("info", "ads")
        case .certificateGenerated: ("info", "cache")
        case .sdsPush: ("info", "ads")
        case .xdsUpstreamTerminated: ("warn", "xdsproxy")
        default: ("info", "")
        }
        if style == .json {
            w.text("{\"level\":\"")
            w.text(level)
            w.text("\",\"time\":\"")
            w.microsTime(us: line.timeUs)
            if !scope.isEmpty {
                w.text("\",\"scope\":\"")
                w.text(scope)
            }
            w.text("\",\"msg\":\"")
            agentMessage(line, escaped: true, into: &w)
            w.text("\"}")
            return
        }
        w.microsTime(us: line.timeUs)
        w.byte(0x09)
        w.text(level)
        w.byte(0x09)
        if !scope.isEmpty {
            w.text(scope)
            w.byte(0x09)
        }
        agentMessage(line, escaped: false, into: &w)
    }

    private func agentMessage(_ line: ProxyLine, escaped: Bool, into w: inout LineWriter) {
        let pod = MeshPods.all[line.pod].name
        switch line.message {
        case .xdsConnected:
            w.text("connected to delta upstream XDS server: istiod.istio-system.svc:15012")
            if !escaped { w.text("\tid="); w.decimal(line.number) }
        case .adsConnection:
            w.text("ADS: new connection for node:")
            w.text(pod)
            w.text(".shop-")
            w.decimal(line.number)
        case .certificateGenerated:
            w.text("generated new workload certificate")
            if !escaped {
                w.text("\tresourceName=default latency=")
                w.decimal(40 + line.number)
                w.byte(UInt8(ascii: "."))
                w.padded(line.number2 * 20_443 % 1_000_000, width: 6)
                w.text("ms ttl=23h59m59.")
                w.padded(line.number * 5_702_113 % 1_000_000_000, width: 9)
                w.byte(UInt8(ascii: "s"))
            }
        case .sdsPush:
            w.text("SDS: PUSH request for node:")
            w.text(pod)
            w.text(".shop resources:1 size:4.0kB resource:default")
        case .xdsUpstreamTerminated:
            w.text("upstream [")
            w.decimal(line.number)
            w.text("] terminated with unexpected error rpc error: code = Unavailable desc = error reading from server: EOF")
        default:
            w.text("Envoy proxy is ready")
        }
    }

    // MARK: Envoy application log

    private func renderEnvoy(_ line: ProxyLine, into w: inout LineWriter) {
        let (level, logger, source): (Text, Text, Text) = switch line.message {
        case .cdsAdd: ("info", "upstream", "external/envoy/source/common/upstream/cds_api_helper.cc:32")
        case .cdsUpdated: ("info", "upstream", "external/envoy/source/common/upstream/cds_api_helper.cc:71")
        case .ldsUpdate: ("info", "upstream", "external/envoy/source/common/listener_manager/lds_api.cc:106")
        case .configStreamClosed:
            ("warning", "config", "external/envoy/source/extensions/config_subscription/grpc/grpc_stream.h:193")
        default: ("debug", "http", "external/envoy/source/common/http/conn_manager_impl.cc:1196")
        }
        switch style {
        case .envoyBracketed:
            w.byte(UInt8(ascii: "["))
            w.envoyAppTime(ms: line.timeUs / 1000)
            w.text("][")
            w.decimal(line.thread)
            w.text("][")
            w.text(level)
            w.text("][")
            w.text(logger)
            w.text("] [")
            w.text(source)
            w.text("] ")
            envoyMessage(line, escaped: false, into: &w)
        case .tabbed16, .tabbed117:
            w.microsTime(us: line.timeUs)
            w.byte(0x09)
            w.text(level)
            w.text("\tenvoy ")
            w.text(logger)
            if style == .tabbed117 {
                w.byte(UInt8(ascii: " "))
                w.text(source)
            }
            w.byte(0x09)
            envoyMessage(line, escaped: false, into: &w)
            if style == .tabbed117 && line.message != .requestHeaders {
                w.text("\tthread=")
                w.decimal(line.thread)
            }
        case .json:
            w.text("{\"level\":\"")
            w.text(level)
            w.text("\",\"time\":\"")
            w.microsTime(us: line.timeUs)
            w.text("\",\"scope\":\"envoy ")
            w.text(logger)
            w.text("\",\"msg\":\"")
            envoyMessage(line, escaped: true, into: &w)
            w.text("\",\"caller\":\"")
            w.text(source)
            w.text("\",\"thread\":")
            w.decimal(line.thread)
            w.byte(UInt8(ascii: "}"))
        }
    }

    private func envoyMessage(_ line: ProxyLine, escaped: Bool, into w: inout LineWriter) {
        switch line.message {
        case .cdsAdd:
            w.text("cds: add ")
            w.decimal(line.number / 4 + 20)
            w.text(" cluster(s), remove ")
            w.decimal(line.number2 % 4)
            w.text(" cluster(s)")
        case .cdsUpdated:
            w.text("cds: added/updated ")
            w.decimal(line.number2 % 3 + 1)
            w.text(" cluster(s), skipped ")
            w.decimal(line.number / 4 + 19)
            w.text(" unmodified cluster(s)")
        case .ldsUpdate:
            w.text("lds: add/update listener '")
            w.ipv4(MeshServices.all[line.number % MeshServices.all.count].clusterIP)
            w.byte(UInt8(ascii: "_"))
            w.decimal(Int(MeshServices.all[line.number % MeshServices.all.count].port))
            w.byte(UInt8(ascii: "'"))
        case .configStreamClosed:
            w.text("DeltaAggregatedResources gRPC config stream to xds-grpc closed since ")
            w.decimal(line.number * 11)
            w.text("s ago: 14, upstream connect error or disconnect/reset before headers. reset reason: connection termination")
        default:
            w.text(escaped ? "[Tags: \\\"ConnectionId\\\":\\\"" : "[Tags: \"ConnectionId\":\"")
            w.decimal(line.number * 37)
            w.text(escaped ? "\\\",\\\"StreamId\\\":\\\"" : "\",\"StreamId\":\"")
            w.decimal(line.number2 * 7_919_003 + line.number)
            w.text(escaped ? "\\\"] request headers complete (end_stream=false):" : "\"] request headers complete (end_stream=false):")
        }
    }
}
