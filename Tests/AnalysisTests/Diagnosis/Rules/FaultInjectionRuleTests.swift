import AccessLog
import Testing
@testable import Analysis

@Suite struct FaultInjectionRuleTests {
    let rule = FaultInjectionRule()

    @Test func abortsAreFailuresWithARemoveTheFaultFix() throws {
        let f = try #require(run(rule, flagged(.faultInjected, 100, of: 1_000)).first)
        #expect(f.severity == .critical)
        #expect(f.title.hasPrefix("Fault injection (FI) on 10.0% of requests to orders.shop:50051"))
        #expect(f.fixText.contains("fault:"))
        #expect(f.fixText.contains("namespace shop") || f.fixText.contains("-n shop"))
    }

    @Test func delaysAloneAreAWarningFromTwentyRequests() {
        #expect(run(rule, flagged(.delayInjected, 20, of: 100_000)).first?.severity == .warning)
        #expect(run(rule, flagged(.delayInjected, 19, of: 100)).first?.severity == .info)
    }

    @Test func delaysMentionTimeouts() throws {
        let f = try #require(run(rule, flagged(.delayInjected, 30, of: 1_000)).first)
        #expect(f.explanation.contains { $0.contains("UT/DC") })
    }

    @Test func noFaultsNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 30, of: 1_000)).isEmpty) }
    @Test func abortThresholds() { expectFailureThresholds(rule, .faultInjected) }
}
