import AccessLog
import Testing
@testable import Analysis

@Suite struct RetriesExhaustedRuleTests {
    let rule = RetriesExhaustedRule()

    func withUF(uf: Int = 60, urx: Int = 60) -> Snapshot {
        let c = Fixture.cluster(Fixture.orders, requests: 1_000, flags: [.upstreamConnectionFailure: uf, .upstreamRetryLimitExceeded: urx])
        let combo = FlagSetCount(flags: [ResponseFlags(.upstreamConnectionFailure), ResponseFlags(.upstreamRetryLimitExceeded)], count: urx)
        let extras = Fixture.FlagExtras(reasons: [KeyCount(key: "delayed_connect_error:_111", count: uf)])
        return Fixture.snapshot([c], extras: [.upstreamConnectionFailure: extras], combinations: [combo])
    }

    @Test func underlyingFlagIsNamedFirst() throws {
        let f = try #require(run(rule, withUF()).first)
        #expect(f.explanation.first?.contains("because of UF") == true)
        #expect(f.fact("Logged together with") == "UF ×60")
        #expect(f.causedBy == .upstreamConnectFailure)
    }

    @Test func aFewCoincidentFailuresAreNotTheCause() throws {
        // 200 URX on app 503s, one of them with UF: the app's errors are the story, not UF.
        let c = Fixture.cluster(Fixture.orders, requests: 3_000, flags: [.upstreamConnectionFailure: 1, .upstreamRetryLimitExceeded: 200])
        let combos = [FlagSetCount(flags: ResponseFlags(.upstreamRetryLimitExceeded), count: 199),
                      FlagSetCount(flags: [ResponseFlags(.upstreamConnectionFailure), ResponseFlags(.upstreamRetryLimitExceeded)], count: 1)]
        let s = Fixture.snapshot([c], extras: [.upstreamRetryLimitExceeded: .init(details: [KeyCount(key: "via_upstream", count: 199)])],
                                 combinations: combos)
        let f = try #require(run(rule, s).first)
        #expect(f.causedBy == nil)
        #expect(f.explanation.first?.contains("retriable errors") == true)
        let ranked = Diagnoser().diagnose(s)
        #expect(ranked.first?.id == .retriesExhausted)
        #expect(ranked.first?.severity == .critical)
    }

    @Test func causeAtExactlyHalfCounts() throws {
        let c = Fixture.cluster(Fixture.orders, requests: 1_000, flags: [.upstreamRequestTimeout: 30, .upstreamRetryLimitExceeded: 60])
        let combo = FlagSetCount(flags: [ResponseFlags(.upstreamRequestTimeout), ResponseFlags(.upstreamRetryLimitExceeded)], count: 30)
        #expect(run(rule, Fixture.snapshot([c], combinations: [combo])).first?.causedBy == .upstreamTimeout)
        let fewer = FlagSetCount(flags: [ResponseFlags(.upstreamRequestTimeout), ResponseFlags(.upstreamRetryLimitExceeded)], count: 29)
        #expect(run(rule, Fixture.snapshot([c], combinations: [fewer])).first?.causedBy == nil)
    }

    @Test func connectFailureRanksBeforeRetriesExhausted() throws {
        let findings = Diagnoser().diagnose(withUF())
        let uf = try #require(findings.firstIndex { $0.id == .upstreamConnectFailure })
        let urx = try #require(findings.firstIndex { $0.id == .retriesExhausted })
        #expect(uf < urx)
        #expect(findings[urx].severity <= findings[uf].severity)
    }

    @Test func retriesOnAppErrorsPointAtTheApp() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "via_upstream", count: 40)])
        let f = try #require(run(rule, flagged(.upstreamRetryLimitExceeded, 40, of: 1_000, extras: extras)).first)
        #expect(f.explanation.first?.contains("retriable errors") == true)
        #expect(f.fact("Logged together with") == nil)
    }

    @Test func policyIsNamedWithTheRealHost() throws {
        let f = try #require(run(rule, flagged(.upstreamRetryLimitExceeded, 40, of: 1_000)).first)
        #expect(f.explanation.contains { $0.contains("retries.attempts/perTryTimeout/retryOn") })
        #expect(f.fixText.contains("retries:"))
        #expect(f.fixText.contains("- orders.shop.svc.cluster.local"))
    }

    @Test func noURXNoFinding() { #expect(run(rule, flagged(.upstreamConnectionFailure, 40, of: 1_000)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .upstreamRetryLimitExceeded) }
}
