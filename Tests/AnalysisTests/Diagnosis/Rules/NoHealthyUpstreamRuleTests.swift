import AccessLog
import Testing
@testable import Analysis

@Suite struct NoHealthyUpstreamRuleTests {
    let rule = NoHealthyUpstreamRule()

    @Test func subsetWithoutPodsComesFirstAndGetsASubsetFix() throws {
        let f = try #require(run(rule, flagged(.noHealthyUpstream, 100, of: 100, cluster: Fixture.ordersV2)).first)
        #expect(f.explanation.first?.contains("subset") == true)
        #expect(f.fact("Subset") == "v2")
        #expect(f.fact("Requests served")?.hasPrefix("none") == true)
        #expect(f.fixes.first?.body.contains("- name: v2") == true)
        #expect(f.fixText.contains("host: orders.shop.svc.cluster.local"))
        #expect(f.verifyText.contains("istioctl proxy-config endpoint <client-pod> --cluster \"outbound|50051|v2|orders.shop.svc.cluster.local\""))
    }

    @Test func otherErrorsOnTheClusterPointAtEjection() throws {
        let c = Fixture.cluster(Fixture.orders, requests: 1_000, flags: [.noHealthyUpstream: 30, .upstreamConnectionFailure: 60])
        let f = try #require(run(rule, Fixture.snapshot([c])).first)
        #expect(f.explanation.first?.contains("Outlier detection") == true)
    }

    @Test func blackHoleClusterIsNotAServiceWithoutEndpoints() {
        #expect(run(rule, flagged(.noHealthyUpstream, 30, of: 30, cluster: "BlackHoleCluster")).isEmpty)
    }

    @Test func noUHNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 30, of: 100)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .noHealthyUpstream) }
}
