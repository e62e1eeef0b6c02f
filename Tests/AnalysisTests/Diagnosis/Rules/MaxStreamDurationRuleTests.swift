import AccessLog
import Testing
@testable import Analysis

@Suite struct MaxStreamDurationRuleTests {
    let rule = MaxStreamDurationRule()

    @Test func streamDurationPointsAtTheRouteLimit() throws {
        let f = try #require(run(rule, flagged(.upstreamMaxStreamDurationReached, 30, of: 1_000, grpc: 1_000)).first)
        #expect(f.explanation.first?.contains("max_stream_duration") == true)
        #expect(f.fixText.contains("max_stream_duration: 0s"))
    }

    @Test func tcpDurationTimeoutsPointAtMaxConnectionDuration() throws {
        let f = try #require(run(rule, flagged(.durationTimeout, 30, of: 100, tcp: 100)).first)
        #expect(f.explanation.first?.contains("maxConnectionDuration") == true)
        #expect(f.title.hasPrefix("DT on"))
    }

    @Test func noDurationLimitsNoFinding() { #expect(run(rule, flagged(.streamIdleTimeout, 30, of: 1_000)).isEmpty) }
    @Test func thresholds() {
        expectFailureThresholds(rule, .upstreamMaxStreamDurationReached)
        expectFailureThresholds(rule, .durationTimeout)
    }
}
