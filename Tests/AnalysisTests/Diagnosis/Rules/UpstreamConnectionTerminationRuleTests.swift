import AccessLog
import Testing
@testable import Analysis

@Suite struct UpstreamConnectionTerminationRuleTests {
    let rule = UpstreamConnectionTerminationRule()

    @Test func spreadOverHostsIsTheKeepAliveRace() throws {
        let hosts = Fixture.hosts([500, 500], port: 8080, flags: [[.upstreamConnectionTermination: 15], [.upstreamConnectionTermination: 15]])
        let f = try #require(run(rule, flagged(.upstreamConnectionTermination, 30, of: 1_000, cluster: Fixture.payments, hosts: hosts)).first)
        #expect(f.explanation.first?.contains("keep-alive") == true)
        #expect(f.fact("Hosts affected") == "2 of 2")
        #expect(f.fixText.contains("idleTimeout"))
        #expect(f.fixText.contains("host: payments.shop.svc.cluster.local"))
    }

    @Test func oneHostPointsAtRestarts() throws {
        let hosts = Fixture.hosts([500, 500], port: 8080, flags: [[.upstreamConnectionTermination: 30], [:]])
        let f = try #require(run(rule, flagged(.upstreamConnectionTermination, 30, of: 1_000, cluster: Fixture.payments, hosts: hosts)).first)
        #expect(f.explanation.first?.contains("restart") == true)
    }

    @Test func noTerminationsNoFinding() { #expect(run(rule, flagged(.upstreamRemoteReset, 30, of: 1_000)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .upstreamConnectionTermination) }
}
