import AccessLog
import Testing
@testable import Analysis

@Suite struct FailingUpstreamHostRuleTests {
    let rule = FailingUpstreamHostRule()

    func cluster(_ errors: [Int], requests: [Int] = [1_000, 1_000, 1_000]) -> Snapshot {
        let hosts = Fixture.hosts(requests, errors: errors, flags: [[:], [.upstreamRemoteReset: errors[1]], [:]])
        return Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: requests.reduce(0, +), errors: errors.reduce(0, +), hosts: hosts)])
    }

    @Test func oneHostWithMostErrorsIsReported() throws {
        let f = try #require(run(rule, cluster([1, 90, 2])).first)
        #expect(f.subject == "10.244.1.11:50051")
        #expect(f.title.hasPrefix("10.244.1.11:50051 produces 96.8% of the errors of orders.shop:50051 (90 of 93"))
        #expect(f.fact("Flags on that host") == "UR ×90")
        #expect(f.fixText.contains("outlierDetection"))
        #expect(f.fixText.contains("host: orders.shop.svc.cluster.local"))
        #expect(f.verify.contains("kubectl get pods -A -o wide --field-selector status.podIP=10.244.1.11"))
        #expect(f.severity == .warning)   // 90 of 3,000 = 3%
    }

    @Test func errorsSpreadEvenlyAreNotOneHost() {
        #expect(run(rule, cluster([30, 31, 29])).isEmpty)
    }

    @Test func thresholds() {
        #expect(run(rule, cluster([0, 50, 0])).count == 1)          // rate exactly 5%
        #expect(run(rule, cluster([0, 49, 0])).isEmpty)             // 4.9%
        #expect(run(rule, cluster([5, 60, 5])).count == 1)          // 6% vs 0.5%: ≥ 3×
        #expect(run(rule, cluster([0, 9, 0])).isEmpty)              // fewer than 10 errors
        #expect(run(rule, cluster([20, 60, 20])).count == 1)        // 6% vs 2%: exactly 3×
        #expect(run(rule, cluster([21, 60, 21])).isEmpty)           // 6% vs 2.1%: below 3×
    }

    /// On small clusters the rates must differ by more than chance: 8 of 50 against 3 of 100 (z 2.9)
    /// happens when errors are spread evenly; 9 of 50 against 2 of 100 (z 3.5) rarely does.
    @Test func theDifferenceMustBeSignificant() throws {
        let f = try #require(run(rule, cluster([1, 9, 1], requests: [50, 50, 50])).first)
        #expect(f.fact("Significance")?.hasPrefix("z = 3.5 ") == true)
        #expect(run(rule, cluster([2, 8, 1], requests: [50, 50, 50])).isEmpty)
        #expect(FailingUpstreamHostRule.zScore(5, of: 10, vs: 0, of: 0) == 0)
    }

    @Test func inboundHostsAreDifferentServices() {
        let hosts = Fixture.hosts([1_000, 1_000, 1_000], port: 8080, errors: [1, 90, 2])
        let c = Fixture.cluster("inbound|8080||", requests: 3_000, errors: 93, http1: 3_000, hosts: hosts)
        #expect(run(rule, Fixture.snapshot([c])).isEmpty)
    }

    @Test func needsTwoHosts() {
        let hosts = Fixture.hosts([1_000], errors: [100])
        #expect(run(rule, Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: 1_000, errors: 100, hosts: hosts)])).isEmpty)
    }
}
