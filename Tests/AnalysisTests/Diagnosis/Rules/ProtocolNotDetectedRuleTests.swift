import AccessLog
import Testing
@testable import Analysis

@Suite struct ProtocolNotDetectedRuleTests {
    let rule = ProtocolNotDetectedRule()

    func tcp(_ cluster: String, records: Int = 12, p50: Int = 60_000, max: Int = 600_000,
             bytes: (Int64, Int64) = (4_000_000, 9_000_000), hosts: [HostStats]? = nil) -> ClusterStats {
        Fixture.cluster(cluster, requests: records, tcp: records, latency: LatencySummary(count: records, p50: p50, p90: max, p99: max, max: max, mean: Double(p50)),
                        hosts: hosts ?? Fixture.hosts([records]), bytes: bytes)
    }

    @Test func longTCPOnAGRPCPortIsAWarningWithTheServiceFix() throws {
        let f = try #require(run(rule, Fixture.snapshot([tcp(Fixture.orders)])).first)
        #expect(f.severity == .warning)
        #expect(f.title == "orders.shop:50051 carries long-lived opaque TCP where gRPC/HTTP2 is expected (12 connections): no per-request load balancing")
        #expect(f.fixText.contains("kubectl patch service orders -n shop --type strategic"))
        #expect(f.fixText.contains(#"{"spec":{"ports":[{"port":50051,"appProtocol":"grpc"}]}}"#))
        #expect(f.verifyText.contains("kubectl get svc orders -n shop -o yaml"))
    }

    @Test func shortConnectionsWithLittleDataAreInfo() {
        #expect(run(rule, Fixture.snapshot([tcp(Fixture.orders, p50: 200, max: 900, bytes: (1_000, 2_000))])).first?.severity == .info)
    }

    /// Issue 12: five short connections that carry the service's bytes are the incident, not a note:
    /// a warning, ranked above a busier cluster's warning by their share of all bytes.
    @Test func fewConnectionsCarryingRealTrafficAreAWarningRankedFirst() throws {
        let opaque = tcp(Fixture.orders, records: 5, p50: 200, max: 900, bytes: (4_000_000, 9_000_000))
        let http = Fixture.cluster(Fixture.payments, requests: 2_000, http1: 2_000, bytes: (100_000, 200_000))
        let f = try #require(run(rule, Fixture.snapshot([opaque, http])).first)
        #expect(f.severity == .warning)
        #expect(f.impact > 0.9)
        #expect(f.fact("Bytes")?.contains("of all bytes logged") == true)
    }

    @Test func databasePortIsNotGRPC() {
        #expect(run(rule, Fixture.snapshot([tcp("outbound|5432||postgres.shop.svc.cluster.local")])).isEmpty)
    }

    @Test func anyPortOfAServiceThatSpeaksGRPCElsewhere() throws {
        let grpc = Fixture.cluster("outbound|7000||ledger.shop.svc.cluster.local", requests: 500, grpc: 500)
        let opaque = tcp("outbound|7001||ledger.shop.svc.cluster.local")
        let f = try #require(run(rule, Fixture.snapshot([grpc, opaque])).first)
        #expect(f.subject == "outbound|7001||ledger.shop.svc.cluster.local")
        #expect(f.fact("gRPC seen on the same service")?.contains("outbound|7000||ledger") == true)
    }

    @Test func thresholds() {
        #expect(run(rule, Fixture.snapshot([tcp(Fixture.orders, p50: 1_000, max: 1_000)])).first?.severity == .warning)
        #expect(run(rule, Fixture.snapshot([tcp(Fixture.orders, p50: 999, max: 9_999, bytes: (30_000, 30_000))])).first?.severity == .info)
        #expect(run(rule, Fixture.snapshot([tcp(Fixture.orders, p50: 999, max: 9_999, bytes: (32_768, 32_768))])).first?.severity == .warning)
        #expect(run(rule, Fixture.snapshot([tcp(Fixture.orders, p50: 10, max: 10_000)])).first?.severity == .warning)
        #expect(run(rule, Fixture.snapshot([tcp(Fixture.orders, bytes: (0, 9_000))])).isEmpty)   // bytes one way only
    }

    @Test func mostlyHTTP2IsDetected() {
        let c = Fixture.cluster(Fixture.orders, requests: 1_000, tcp: 10, grpc: 990)
        #expect(run(rule, Fixture.snapshot([c])).isEmpty)
    }

    @Test func pinningOnTheSameClusterIsFoldedIntoThisFinding() throws {
        let c = tcp(Fixture.orders, records: 120, hosts: Fixture.hosts([60, 60]))
        let sources = (0..<2).map { i in
            SourceStats(pod: "frontend-\(i)", clusters: [SourceClusterStats(cluster: Fixture.orders, requests: 60,
                                                                             hosts: [KeyCount(key: "10.244.1.\(10 + i):50051", count: 60)])])
        }
        let findings = Diagnoser().diagnose(Fixture.snapshot([c], sources: sources))
        #expect(!findings.contains { $0.id == .connectionPinning })
        let f = try #require(findings.first { $0.id == .protocolNotDetected })
        #expect(f.evidence.facts.contains { $0.label == "Pinning: Pinned client pods" })
        #expect(f.severity == .warning)
    }
}
