import AccessLog
import Testing
@testable import Analysis

@Suite struct UpstreamResetRuleTests {
    let rule = UpstreamResetRule()

    @Test func grpcResetsPointAtConnectionAgeing() throws {
        let f = try #require(run(rule, flagged(.upstreamRemoteReset, 30, of: 1_000, grpc: 1_000)).first)
        #expect(f.explanation.contains { $0.contains("MaxConnectionAge") })
        #expect(!f.explanation.joined().contains("crashed"), "a crash closes connections: UC, not UR")
        #expect(f.fixes.first?.body.contains("MaxConnectionAgeGrace") == true)
        #expect(f.fixes.first?.language == "go")
    }

    @Test func refusedStreamsPointAtTheServerStreamLimit() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "upstream_reset_before_response_started{remote_refused_stream_reset}", count: 30)])
        let f = try #require(run(rule, flagged(.upstreamRemoteReset, 30, of: 1_000, extras: extras, grpc: 1_000)).first)
        #expect(f.explanation.first?.contains("refuses new streams") == true)
    }

    @Test func plainHTTPResetsPointAtTheAppAndSkipTheGRPCFix() throws {
        let f = try #require(run(rule, flagged(.upstreamRemoteReset, 30, of: 1_000, cluster: Fixture.payments, http1: 1_000)).first)
        #expect(f.explanation.first?.contains("resets streams itself") == true)
        #expect(!f.fixes.contains { $0.language == "go" })
        #expect(f.fixText.contains("payments.shop.svc.cluster.local"))
    }

    @Test func resetsAfterTheResponseStartedAreCounted() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "upstream_reset_after_response_started{remote_reset}", count: 12)])
        let f = try #require(run(rule, flagged(.upstreamRemoteReset, 12, of: 1_000, extras: extras)).first)
        #expect(f.fact("Reset after the response started")?.hasPrefix("12") == true)
    }

    @Test func noResetsNoFinding() { #expect(run(rule, flagged(.localReset, 30, of: 1_000)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .upstreamRemoteReset) }
}
