import AccessLog
import Testing
@testable import Analysis

@Suite struct StreamIdleTimeoutRuleTests {
    let rule = StreamIdleTimeoutRule()

    @Test func fiveMinuteStreamsAreRecognisedAsTheDefault() throws {
        let extras = Fixture.FlagExtras(latency: LatencySummary(count: 12, p50: 300_001, p90: 300_002, p99: 300_004, max: 300_010, mean: 300_001))
        let f = try #require(run(rule, flagged(.streamIdleTimeout, 12, of: 100, extras: extras, grpc: 100)).first)
        #expect(f.fact("Streams ended after")?.contains("5-minute default") == true)
        #expect(f.fixText.contains("stream_idle_timeout"))
        #expect(f.fixText.contains("namespace: shop"))
    }

    @Test func noSINoFinding() { #expect(run(rule, flagged(.upstreamRequestTimeout, 12, of: 100)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .streamIdleTimeout) }
}
