import AccessLog
import Testing
@testable import Analysis

@Suite struct DiagnoserTests {
    func finding(_ id: FindingID, _ severity: Severity, impact: Double, subject: String = "s",
                 causedBy: FindingID? = nil) -> Finding {
        Finding(id: id, severity: severity, title: id.rawValue, subject: subject, evidence: Evidence(),
                explanation: [], fixes: [], verify: [], impact: impact, causedBy: causedBy)
    }

    @Test func rankingIsSeverityThenImpactThenId() {
        let a = finding(.trafficSplit, .critical, impact: 0.01)
        let b = finding(.circuitBreakerOverflow, .warning, impact: 0.5)
        let c = finding(.upstreamTimeout, .warning, impact: 0.5)
        let d = finding(.connectionPinning, .warning, impact: 0.9)
        let e = finding(.grpcStatusNotLogged, .info, impact: 1)
        let ranked = [e, c, b, a, d].sorted(by: Diagnoser.ranksBefore)
        #expect(ranked.map(\.id) == [.trafficSplit, .connectionPinning, .circuitBreakerOverflow, .upstreamTimeout, .grpcStatusNotLogged])
    }

    @Test func diagnoseRanksARealSnapshot() {
        let orders = Fixture.cluster(Fixture.orders, requests: 10_000, flags: [.upstreamOverflow: 1_200], grpc: 10_000)
        let payments = Fixture.cluster(Fixture.payments, requests: 10_000, flags: [.upstreamRequestTimeout: 30], http1: 10_000)
        let reviews = Fixture.cluster(Fixture.reviews, requests: 10_000, flags: [.upstreamConnectionTermination: 3], http1: 10_000)
        let findings = Diagnoser().diagnose(Fixture.snapshot([orders, payments, reviews]))
        #expect(findings.map(\.id) == [.circuitBreakerOverflow, .upstreamTimeout, .upstreamConnectionTermination])
        #expect(findings.map(\.severity) == [.critical, .warning, .info])
    }

    @Test func eachRuleIsCappedAtItsMostImpactfulFindings() {
        let clusters = (1...8).map { i in
            Fixture.cluster("outbound|80||svc\(i).shop.svc.cluster.local", requests: 1_000, flags: [.upstreamOverflow: 10 * i], http1: 1_000)
        }
        let findings = Diagnoser(context: DiagnosisContext(maxFindingsPerRule: 3)).diagnose(Fixture.snapshot(clusters))
        #expect(findings.count == 3)
        #expect(findings.map(\.subject) == ["outbound|80||svc8.shop.svc.cluster.local", "outbound|80||svc7.shop.svc.cluster.local",
                                            "outbound|80||svc6.shop.svc.cluster.local"])
    }

    @Test func connectFailureIsDroppedWhereTLSIsReported() {
        let input = [finding(.tlsHandshakeFailure, .critical, impact: 0.1, subject: Fixture.orders),
                     finding(.upstreamConnectFailure, .critical, impact: 0.1, subject: Fixture.orders),
                     finding(.upstreamConnectFailure, .warning, impact: 0.01, subject: Fixture.payments)]
        let out = FindingDeduplication.apply(input)
        #expect(out.map(\.id) == [.tlsHandshakeFailure, .upstreamConnectFailure])
        #expect(out[1].subject == Fixture.payments)
    }

    @Test func retriesExhaustedFollowsItsCause() {
        let input = [finding(.retriesExhausted, .critical, impact: 0.2, subject: Fixture.orders, causedBy: .upstreamConnectFailure),
                     finding(.upstreamConnectFailure, .warning, impact: 0.1, subject: Fixture.orders)]
        let out = FindingDeduplication.apply(input).sorted(by: Diagnoser.ranksBefore)
        #expect(out.map(\.id) == [.upstreamConnectFailure, .retriesExhausted])
        #expect(out[1].severity == .warning)
        #expect(out[1].impact < out[0].impact)
        #expect(out[1].explanation.first == "Secondary to upstream-connect-failure on the same cluster: fix that cause first.")
    }

    @Test func retriesExhaustedElsewhereOrWithoutACauseIsUntouched() {
        let elsewhere = [finding(.retriesExhausted, .critical, impact: 0.2, subject: Fixture.orders, causedBy: .upstreamConnectFailure),
                         finding(.upstreamConnectFailure, .warning, impact: 0.1, subject: Fixture.payments)]
        #expect(FindingDeduplication.apply(elsewhere).first { $0.id == .retriesExhausted }?.severity == .critical)
        let unrelated = [finding(.retriesExhausted, .critical, impact: 0.2, subject: Fixture.orders),
                         finding(.upstreamConnectFailure, .info, impact: 0.0001, subject: Fixture.orders)]
        #expect(FindingDeduplication.apply(unrelated).first { $0.id == .retriesExhausted }?.severity == .critical)
    }

    @Test func aTLSCauseCountsForAConnectFailureCause() {
        let input = [finding(.retriesExhausted, .critical, impact: 0.2, subject: Fixture.orders, causedBy: .upstreamConnectFailure),
                     finding(.tlsHandshakeFailure, .warning, impact: 0.1, subject: Fixture.orders)]
        let out = FindingDeduplication.apply(input)
        #expect(out.first { $0.id == .retriesExhausted }?.severity == .warning)
        #expect(out.first { $0.id == .retriesExhausted }?.explanation.first?.contains("tls-handshake-failure") == true)
    }

    /// The live view re-diagnoses every 250ms: many clusters give a stable, bounded answer (its
    /// speed is measured by meshlog-bench, not asserted in a debug build).
    @Test func diagnosingManyClustersIsStable() {
        let clusters = (1...60).map { i in
            Fixture.cluster("outbound|80||svc\(i).shop.svc.cluster.local", requests: 10_000,
                            flags: [.upstreamOverflow: i, .upstreamConnectionFailure: i, .downstreamConnectionTermination: 2 * i],
                            http1: 10_000, hosts: Fixture.hosts([3_000, 3_000, 4_000], port: 80))
        }
        let snapshot = Fixture.snapshot(clusters)
        let diagnoser = Diagnoser()
        let first = diagnoser.diagnose(snapshot)
        #expect(!first.isEmpty)
        #expect(first.contains { $0.id == .circuitBreakerOverflow })
        #expect(diagnoser.diagnose(snapshot) == first)
    }
}

@Suite struct OverflowBucketTests {
    @Test func theAggregatorsOtherClusterIsNotDiagnosedAsOneService() throws {
        let other = Fixture.cluster("other", requests: 1_000, flags: [.upstreamOverflow: 100], errors: 100,
                                    hosts: Fixture.hosts([500, 500], errors: [100, 0]))
        let real = Fixture.cluster(Fixture.orders, requests: 9_000)
        let findings = Diagnoser().diagnose(Fixture.snapshot([real, other]))
        let uo = try #require(findings.first { $0.id == .circuitBreakerOverflow })
        #expect(uo.subject == "-")
        #expect(uo.title == "UO on 1.0% of all requests (100 of 10,000)")
        #expect(!findings.contains { $0.id == .failingUpstreamHost })
    }
}
