import AccessLog
import Testing
@testable import Analysis

@Suite struct DNSFailureRuleTests {
    let rule = DNSFailureRule()

    @Test func serviceEntryIsFilledWithTheDestination() throws {
        let c = Fixture.cluster("dynamic_forward_proxy_cluster", requests: 200, flags: [.dnsResolutionFailed: 30],
                                destinations: [KeyCount(key: "api.exmaple.com:443", count: 30)])
        let f = try #require(run(rule, Fixture.snapshot([c])).first)
        #expect(f.fixText.contains("- api.exmaple.com"))
        #expect(f.fixText.contains("number: 443"))
        #expect(f.fixText.contains("protocol: TLS"))
        #expect(f.verifyText.contains("nslookup api.exmaple.com"))
        #expect(f.explanation.first?.contains("does not exist") == true)
    }

    @Test func noDFNoFinding() { #expect(run(rule, flagged(.noHealthyUpstream, 30, of: 1_000)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .dnsResolutionFailed) }
}
