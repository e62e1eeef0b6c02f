import AccessLog
import Testing
@testable import Analysis

@Suite struct LocalResetRuleTests {
    let rule = LocalResetRule()

    @Test func drainingComesFirst() throws {
        let f = try #require(run(rule, flagged(.localReset, 30, of: 1_000)).first)
        #expect(f.explanation.first?.contains("draining") == true)
        #expect(f.fixText.contains("terminationDrainDuration"))
    }

    @Test func prematureCloseDetailsPutItFirst() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "upstream_reset_before_response_started{local_reset|premature_upstream_half_close}", count: 30)])
        let f = try #require(run(rule, flagged(.localReset, 30, of: 1_000, extras: extras)).first)
        #expect(f.explanation.first?.contains("half-closed") == true)
    }

    @Test func noLRNoFinding() { #expect(run(rule, flagged(.upstreamRemoteReset, 30, of: 1_000)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .localReset) }
}
