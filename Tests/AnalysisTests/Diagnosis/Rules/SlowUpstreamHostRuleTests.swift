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

    @Test func tcpConnectionLifetimesAreNotLatency() {
        let hosts = Fixture.hosts([100, 100, 100], port: 443, p99: [270_000, 280_000, 1_060_000])
        let c = Fixture.cluster("outbound|443||api.stripe.com", requests: 300, tcp: 300, hosts: hosts)
        #expect(run(rule, Fixture.snapshot([c])).isEmpty)
    }

    @Test func inboundHostsAreDifferentServices() {
        let hosts = Fixture.hosts([500, 500, 500], port: 8080, p99: [40, 45, 400])
        let c = Fixture.cluster("inbound|8080||", requests: 1_500, http1: 1_500, hosts: hosts)
        #expect(run(rule, Fixture.snapshot([c])).isEmpty)
    }

    @Test func aSlowHostWithLittleTrafficIsInfo() {
        #expect(run(rule, cluster(p99: [40, 45, 400], requests: [1_000, 1_000, 60])).first?.severity == .info)
    }
}
