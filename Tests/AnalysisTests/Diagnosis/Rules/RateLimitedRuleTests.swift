import AccessLog
import Testing
@testable import Analysis

@Suite struct RateLimitedRuleTests {
    let rule = RateLimitedRule()

    @Test func localLimitComesFirst() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "local_rate_limited", count: 80)])
        let f = try #require(run(rule, flagged(.rateLimited, 80, of: 1_000, extras: extras)).first)
        #expect(f.explanation.first?.contains("exceeds the configured limit") == true)
        #expect(f.fact("Limiter") == "local token bucket ×80, global rate-limit service ×0")
        #expect(f.fixText.contains("token_bucket"))
        #expect(f.title.hasPrefix("RL on 8.0%"))
    }

    @Test func rateLimitServiceErrorsPointAtTheService() throws {
        let f = try #require(run(rule, flagged(.rateLimitServiceError, 80, of: 1_000)).first)
        #expect(f.explanation.first?.contains("failure_mode_deny") == true)
        #expect(f.title.hasPrefix("RLSE on"))
    }

    @Test func noRateLimitingNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 80, of: 1_000)).isEmpty) }
    @Test func thresholds() {
        expectFailureThresholds(rule, .rateLimited)
        expectFailureThresholds(rule, .rateLimitServiceError)
    }
}
