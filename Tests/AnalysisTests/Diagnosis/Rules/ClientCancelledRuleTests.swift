import AccessLog
import TestSupport
import Testing
@testable import Analysis

@Suite struct ClientCancelledRuleTests {
    let rule = ClientCancelledRule()

    func dc(_ count: Int, of total: Int) -> Severity? {
        run(rule, flagged(.downstreamConnectionTermination, count, of: total)).first?.severity
    }

    @Test func aFewCancellationsInALargeVolumeAreNothing() {
        #expect(dc(6, of: 30_000) == nil)
        #expect(dc(4, of: 100) == nil)
    }

    @Test func thresholds() {
        #expect(dc(5, of: 5_000) == .info)        // 0.1% and 5: reported
        #expect(dc(5, of: 5_001) == nil)          // just under 0.1%
        #expect(dc(20, of: 400) == .warning)      // 5% and √400 = 20
        #expect(dc(500, of: 1_000) == .warning)   // never critical
    }

    /// Issue 12: the count a warning needs grows with traffic (√requests), no fixed 20.
    @Test func theWarningCountScalesWithTraffic() {
        #expect(dc(5, of: 25) == .warning)        // 20%, and √25 = 5
        #expect(dc(10, of: 100) == .warning)      // 10%, and √100 = 10
        #expect(dc(9, of: 100) == .info)          // 9% but under √100
        #expect(dc(19, of: 380) == .info)         // 5%, but under ⌈√380⌉ = 20
        #expect(dc(100, of: 2_000) == .warning)   // 5%, √2,000 ≈ 45
    }

    @Test func cancellationsAfterTheUsualLatencyPointAtDeadlines() throws {
        let extras = Fixture.FlagExtras(latency: LatencySummary(count: 60, p50: 1_000, p90: 1_001, p99: 1_002, max: 1_005, mean: 1_000))
        let f = try #require(run(rule, flagged(.downstreamConnectionTermination, 60, of: 1_000, extras: extras)).first)
        #expect(f.explanation.first?.contains("deadlines") == true)
        #expect(f.fact("Clients waited")?.hasPrefix("p50 1.0s") == true)
        #expect(f.title == "DC: clients cancelled 6.0% of requests to orders.shop:50051 (60 of 1,000)")
    }

    @Test func serverSideResetsCountToo() throws {
        let f = try #require(run(rule, flagged(.downstreamRemoteReset, 60, of: 1_000, cluster: "inbound|50051||")).first)
        #expect(f.title.hasPrefix("DR: clients cancelled"))
    }

    @Test func noCancellationsNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 60, of: 1_000)).isEmpty) }

    /// Issue 12: on an inbound cluster (`inbound|50051||`, no service in its name) the fixes name the
    /// service its requests' authority names, not `<service>.<namespace>`.
    @Test func inboundClusterFixesNameTheServiceFromTheAuthority() throws {
        var a = Aggregator()
        for i in 0..<400 {
            var t = TestLine.grpc(status: i < 40 ? -1 : 0, flags: i < 40 ? "DR" : "-")
            t.cluster = "inbound|50051||"
            t.authority = "orders.shop.svc.cluster.local:50051"
            if i < 40 { t.code = 0 }
            a.add(t)
        }
        let f = try #require(run(rule, a.snapshot()).first)
        let bodies = f.fixes.map(\.body).joined(separator: "\n")
        #expect(bodies.contains("orders.shop.svc.cluster.local") && bodies.contains("namespace: shop"))
        #expect(!bodies.contains("<service>") && !bodies.contains("<namespace>"))
    }
}
