import AccessLog
import Testing
@testable import Analysis

@Suite struct ClusterNotFoundRuleTests {
    let rule = ClusterNotFoundRule()

    @Test func undefinedSubsetComesFirst() throws {
        let f = try #require(run(rule, flagged(.noClusterFound, 25, of: 500)).first)
        #expect(f.explanation.first?.contains("subset no DestinationRule defines") == true)
        #expect(f.fixText.contains("subsets:"))
        #expect(f.verifyText.contains("istioctl analyze -n shop"))
    }

    @Test func noNCNoFinding() { #expect(run(rule, flagged(.noRouteFound, 25, of: 500)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .noClusterFound) }
}
