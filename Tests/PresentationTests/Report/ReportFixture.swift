import AccessLog
import TrafficGenerator
import Analysis
import TestSupport

/// A small aggregated fixture for the report tests.
enum ReportFixture {
    static let escapedPath = "/orders/x\u{1b}[31mred"

    static func snapshot() -> Snapshot {
        var a = Aggregator()
        for i in 0..<1500 {
            var t = TestLine()
            t.host = i % 3 == 0 ? "10.1.0.2:8080" : "10.1.0.1:8080"
            t.startMs += Int64(i) * 100
            t.duration = Int64(3 + i % 40)
            a.add(t, pod: i % 2 == 0 ? "web-7d9f-abcde" : "web-7d9f-fghij", container: "istio-proxy")
        }
        for i in 0..<30 {
            var uf = TestLine()
            uf.code = 503; uf.flags = "UF,URX"; uf.host = "10.1.0.2:8080"; uf.upstreamTime = -1
            uf.details = "upstream_reset_before_response_started{connection_failure}"
            uf.transport = "delayed_connect_error:_Connection_refused"
            uf.startMs += Int64(i) * 1000
            a.add(uf, pod: "web-7d9f-abcde", container: "istio-proxy")
        }
        for _ in 0..<20 { a.add(.grpc(status: 14, flags: "UO")) }
        for _ in 0..<80 { a.add(.grpc(status: 0)) }
        var post = TestLine()
        post.method = "POST"; post.path = escapedPath; post.code = 201
        a.add(post)
        a.add(.tcp())
        a.addNonAccess(.istioAgent, "2024-05-01T10:00:00.000000Z\tinfo\tEnvoy proxy is ready")
        a.addNonAccess(.envoyApplication, "2024-05-01T10:00:00.000000Z\twarning\tenvoy config\tx")
        a.addMalformed(.unrecognised, "garbage \u{1b}]0;pwned\u{07} line", lineNumber: 42)
        return a.snapshot()
    }

    static func findings() -> [Finding] {
        [
            Finding(id: .upstreamConnectFailure, severity: .warning,
                    title: "UF on 1.9% of requests to items:8080 (30 of 1,632)",
                    subject: "outbound|8080||items.shop.svc.cluster.local",
                    evidence: Evidence(facts: [Fact("UF responses", "30 of 1,632 (1.9%)")], window: "10:00:00–10:00:29",
                                       samples: ["[2024-05-01T10:00:00.000Z] \"GET /api/items HTTP/1.1\" 503 UF,URX"]),
                    explanation: ["The app is not listening on the target port."],
                    fixes: [Fix(title: "Check the Service targetPort", body: "apiVersion: v1\nkind: Service")],
                    verify: ["kubectl get endpoints items -n shop"], impact: 0.019),
            Finding(id: .circuitBreakerOverflow, severity: .critical, title: "UO on 20 of 100 gRPC calls to orders:50051",
                    subject: "outbound|50051||orders.shop.svc.cluster.local", evidence: Evidence(),
                    explanation: [], fixes: [], verify: [], impact: 0.012),
            Finding(id: .trafficSplit, severity: .info, title: "traffic split", subject: "items", evidence: Evidence(),
                    explanation: [], fixes: [], verify: [], impact: 0.5),
        ]
    }
}
