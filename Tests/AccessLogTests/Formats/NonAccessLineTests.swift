import Testing
@testable import AccessLog

@Suite struct NonAccessLineTests {
    func kind(_ line: String) -> LineClass { FormatFixture.parse(line).lineClass }

    @Test func blankLines() {
        #expect(kind("") == .nonAccess(.blank))
        #expect(kind("   \t ") == .nonAccess(.blank))
    }

    @Test func pilotAgentLines() {
        #expect(kind("2024-01-02T03:04:05.123456Z\tinfo\tFLAG: --concurrency=\"2\"") == .nonAccess(.istioAgent))
        #expect(kind("2024-01-02T03:04:05.123456Z\tinfo\txdsproxy\tconnected to upstream XDS server: istiod.istio-system.svc:15012")
            == .nonAccess(.istioAgent))
        #expect(kind("2024-01-02T03:04:05.123456Z\terror\txdsproxy\tupstream recv error") == .nonAccess(.istioAgent))
        // Copy-pasted: TABs turned into spaces.
        #expect(kind("2024-01-02T03:04:05.123456Z     warn    ads     All caches have been synced up in 37.6944ms")
            == .nonAccess(.istioAgent))
    }

    @Test func envoyApplicationLogsInAllFourShapes() {
        #expect(kind("[2019-03-01 10:00:00.000][21][warning][config] [bazel-out/k8-opt/bin/external/envoy/source/common/config/grpc_stream.h:102] gRPC config stream closed: 14, no healthy upstream")
            == .nonAccess(.envoyApplication))
        #expect(kind("[Envoy (Epoch 0)] [2019-11-05 10:00:00.000][21][warning][config] [external/envoy/source/common/config/grpc_mux_impl.cc:102] gRPC config stream closed")
            == .nonAccess(.envoyApplication))
        #expect(kind("2021-03-26T10:00:00.000000Z\twarning\tenvoy config\tIgnoring unwatched type URL type.googleapis.com/envoy.config.listener.v3.Listener")
            == .nonAccess(.envoyApplication))
        #expect(kind("2024-07-13T10:00:00.000000Z\tdebug\tenvoy pool external/envoy/source/common/http/conn_pool_base.cc:78\tqueueing stream due to no available connections\tthread=21")
            == .nonAccess(.envoyApplication))
    }

    @Test func jsonApplicationLog() {
        #expect(kind(#"{"level":"warning","time":"2024-01-02T03:04:05.123456Z","scope":"envoy config","msg":"gRPC config stream closed"}"#)
            == .nonAccess(.jsonApplication))
    }

    @Test func continuations() {
        #expect(kind("':authority', 'reviews:9080'") == .nonAccess(.continuation))
        #expect(kind("    cluster_name: outbound|9080||reviews.default.svc.cluster.local") == .nonAccess(.continuation))
        #expect(kind("\tat main.go:42") == .nonAccess(.continuation))
        #expect(kind("goroutine 1 [running]:") == .nonAccess(.continuation))
        #expect(kind("panic: runtime error: invalid memory address or nil pointer dereference") == .nonAccess(.continuation))
        #expect(kind("}") == .nonAccess(.continuation))
        #expect(kind(#""upstream_cluster": "outbound|80||a",""#) == .nonAccess(.continuation))
        #expect(kind("static_resources:") == .nonAccess(.continuation))
        #expect(kind("- name: listener_0") == .nonAccess(.continuation))
    }

    @Test func ztunnelAccessLine() {
        #expect(kind("2024-01-02T03:04:05.123456Z\tinfo\taccess\tconnection complete\tsrc.addr=10.244.1.6:42020 src.workload=\"reviews-v1-5b4d\" dst.service=\"productpage.default.svc.cluster.local\" direction=\"inbound\" bytes_sent=0 bytes_recv=0 duration=\"0ms\"")
            == .nonAccess(.ztunnel))
    }

    @Test func otherContainersLinesAreNotTakenForEnvoy() {
        #expect(kind(#"10.0.0.1 - - [02/Jan/2024 10:00:00] "GET /api/items HTTP/1.1 200 0""#) == .nonAccess(.other))
        #expect(kind("Starting server on :8080") == .nonAccess(.other))
        #expect(kind("[INFO] ready") == .nonAccess(.other))
        #expect(kind("2024/01/02 03:04:05 listening on :8080") == .nonAccess(.other))
    }
}
