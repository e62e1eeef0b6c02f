import AccessLog
import Testing
@testable import Analysis

@Suite struct SlowUpstreamHostRuleTests {
    let rule = SlowUpstreamHostRule()

    func cluster(p99: [Int], requests: [Int]? = nil) -> Snapshot {
        let requests = requests ?? p99.map { _ in 500 }
        let hosts = Fixture.hosts(requests, p99: p99)
        return Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: requests.reduce(0, +), hosts: hosts)])
    }

    @Test func oneSlowHostIsReported() throws {
        let f = try #require(run(rule, cluster(p99: [40, 45, 400])).first)
        #expect(f.subject == "10.244.1.12:50051")
        #expect(f.title == "10.244.1.12:50051 p99 400 ms vs 42 ms on its siblings (orders.shop:50051)")
        #expect(f.severity == .warning)
        #expect(f.fixText.contains("LEAST_REQUEST"))
        #expect(f.verify.contains("kubectl get pods -A -o wide --field-selector status.podIP=10.244.1.12"))
    }

    @Test func evenLatencyIsNotReported() {
        #expect(run(rule, cluster(p99: [40, 45, 100])).isEmpty)
    }

    @Test func thresholds() {
        #expect(run(rule, cluster(p99: [50, 50, 150])).count == 1)   // exactly 3× and +100 ms
        #expect(run(rule, cluster(p99: [50, 50, 149])).isEmpty)
        #expect(run(rule, cluster(p99: [10, 10, 100])).isEmpty)      // 10× but only +90 ms
        #expect(run(rule, cluster(p99: [40, 45, 400], requests: [500, 500, 19])).isEmpty)  // too few requests to judge
    }

    @Test func aSlowHostWithLittleTrafficIsInfo() {
        #expect(run(rule, cluster(p99: [40, 45, 400], requests: [1_000, 1_000, 60])).first?.severity == .info)
    }
}
