import AccessLog
import Testing
@testable import Analysis

@Suite struct TrafficSplitRuleTests {
    let rule = TrafficSplitRule()

    func split(_ requests: [String: Int]) -> Snapshot {
        let clusters = requests.sorted { $0.key < $1.key }.map {
            Fixture.cluster("outbound|9080|\($0.key)|reviews.bookinfo.svc.cluster.local", requests: $0.value, http1: $0.value)
        }
        return Fixture.snapshot(clusters)
    }

    func expect(_ plan: String) -> DiagnosisContext {
        DiagnosisContext(expectedSplit: DiagnosisContext.parseExpectedSplit(plan))
    }

    @Test func observedSplitIsInfo() throws {
        let f = try #require(run(rule, split(["v1": 900, "v2": 100])).first)
        #expect(f.severity == .info)
        #expect(f.title == "reviews.bookinfo:9080 split: v1 90.0%, v2 10.0%")
        #expect(f.subject == "reviews.bookinfo.svc.cluster.local:9080")
        // Without --expect-split the observed split is not the intended one: placeholders, observed as a note.
        #expect(f.fixText.contains("subset: v1\n      weight: <intended-percent>   # observed 90%"))
        #expect(f.fixText.contains("subset: v2\n      weight: <intended-percent>   # observed 10%"))
        #expect(f.fixText.contains("# Merge into the VirtualService"))
    }

    @Test func matchingThePlanIsInfo() throws {
        let f = try #require(run(rule, split(["v1": 900, "v2": 100]), expect("v1=90,v2=10")).first)
        #expect(f.severity == .info)
        #expect(f.title.hasSuffix("(matches the expected split)"))
    }

    @Test func deviatingFromThePlanIsAWarning() throws {
        let f = try #require(run(rule, split(["v1": 700, "v2": 300]), expect("v1=90,v2=10")).first)
        #expect(f.severity == .warning)
        #expect(f.title.contains("expected v1 90%, v2 10%"))
        #expect(f.fixText.contains("weight: 90"))
        #expect(f.explanation.first?.contains("weight") == true)
    }

    @Test func deviationThresholdIsFivePointsOnLargeSamples() {
        // n = 10,000, p = 0.1: 3σ = 0.9 points, so 5 points rule.
        #expect(run(rule, split(["v1": 8_500, "v2": 1_500]), expect("v1=90,v2=10")).first?.severity == .info)
        #expect(run(rule, split(["v1": 8_490, "v2": 1_510]), expect("v1=90,v2=10")).first?.severity == .warning)
    }

    @Test func smallSamplesAllowThreeSigma() {
        // n = 40, p = 0.1: 3σ = 14.2 points; 20% observed (10 points off) is within noise.
        #expect(run(rule, split(["v1": 32, "v2": 8]), expect("v1=90,v2=10")).first?.severity == .info)
    }

    @Test func aMissingSubsetIsADeviation() throws {
        let f = try #require(run(rule, split(["v1": 1_000]), expect("v1=90,v2=10")).first)
        #expect(f.severity == .warning)
        #expect(f.fact("v2 vs plan")?.hasPrefix("observed 0.0%, expected 10.0%") == true)
    }

    @Test func singleSubsetWithoutAPlanIsNothing() {
        #expect(run(rule, split(["v1": 1_000])).isEmpty)
        #expect(run(rule, Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: 100)])).isEmpty)
    }

    @Test func parsesExpectedSplits() {
        #expect(DiagnosisContext.parseExpectedSplit("v1=90,v2=10") == ["v1": 90, "v2": 10])
        #expect(DiagnosisContext.parseExpectedSplit(" v1 = 90% , v2=10 ") == ["v1": 90, "v2": 10])
        #expect(DiagnosisContext.parseExpectedSplit("v1=90,v1=10") == nil)
        #expect(DiagnosisContext.parseExpectedSplit("v1") == nil)
        #expect(DiagnosisContext.parseExpectedSplit("v1=-5") == nil)
        #expect(DiagnosisContext.parseExpectedSplit("v1=0") == nil)
    }
}
