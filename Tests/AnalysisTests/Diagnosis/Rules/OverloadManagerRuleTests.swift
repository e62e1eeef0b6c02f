import AccessLog
import Testing
@testable import Analysis

@Suite struct OverloadManagerRuleTests {
    let rule = OverloadManagerRule()

    @Test func overloadPointsAtTheSidecarsResources() throws {
        let f = try #require(run(rule, flagged(.overloadManagerTerminated, 30, of: 1_000)).first)
        #expect(f.explanation.first?.contains("sidecar") == true)
        #expect(f.fixText.contains("sidecar.istio.io/proxyMemory"))
    }

    @Test func dropOverloadPointsAtThePolicy() throws {
        let f = try #require(run(rule, flagged(.dropOverload, 30, of: 1_000)).first)
        #expect(f.explanation.first?.contains("drop_overloads") == true)
    }

    @Test func noOverloadNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 30, of: 1_000)).isEmpty) }
    @Test func thresholds() {
        expectFailureThresholds(rule, .overloadManagerTerminated)
        expectFailureThresholds(rule, .unconditionalDropOverload)
    }
}
