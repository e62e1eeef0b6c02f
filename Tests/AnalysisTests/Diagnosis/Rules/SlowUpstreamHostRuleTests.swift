import AccessLog
import Testing
@testable import Analysis

@Suite struct SlowUpstreamHostRuleTests {
    let rule = SlowUpstreamHostRule()

    /// Latency of one host: (requests, p50, p90, p99).
    typealias Host = (requests: Int, p50: Int, p90: Int, p99: Int)

    func cluster(_ hosts: [Host]) -> Snapshot {
        let total = hosts.reduce(0) { $0 + $1.requests }
        let stats = hosts.enumerated().map { i, h in
            HostStats(host: "10.244.1.\(i + 10):50051", requests: h.requests, share: Double(h.requests) / Double(total),
                      latency: LatencySummary(count: h.requests, p50: h.p50, p90: h.p90, p99: h.p99, max: h.p99 * 2,
                                              mean: Double(h.p50)))
        }
        return Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: total, hosts: stats)])
    }

    /// Three hosts of `requests` each; the last one with the given percentiles, the others 10/20/40ms.
    func third(_ requests: Int, p50: Int = 10, p90: Int = 20, p99: Int = 40) -> Snapshot {
        cluster([(requests, 10, 20, 40), (requests, 10, 20, 40), (requests, p50, p90, p99)])
    }

    @Test func oneSlowHostIsReportedAtTheHighestTrustedPercentile() throws {
        // 500 requests per host: p90 is trusted, p99 (5 values above it) is not.
        let f = try #require(run(rule, cluster([(500, 10, 20, 40), (500, 11, 22, 45), (500, 60, 200, 400)])).first)
        #expect(f.subject == "10.244.1.12:50051")
        #expect(f.title == "10.244.1.12:50051 p90 200ms vs 21ms on its siblings (orders.shop:50051)")
        #expect(f.fact("Compared at") == "p90: every compared host has ≥ 100 requests (10 above the p90)")
        #expect(f.fact("Siblings (2 hosts, median)") == "p50 10ms, p90 21ms, p99 42ms over 1,000 requests")
        #expect(f.severity == .warning)
        #expect(f.fixText.contains("LEAST_REQUEST"))
        #expect(f.verify.contains("kubectl get pods -A -o wide --field-selector status.podIP=10.244.1.12"))
    }

    @Test func evenLatencyIsNotReported() {
        #expect(run(rule, cluster([(500, 10, 20, 40), (500, 11, 22, 45), (500, 12, 25, 100)])).isEmpty)
    }

    /// The healthy sample's old false positive: p99 354 vs 96ms over 41 requests is one slow request.
    @Test func aP99OverAFewDozenRequestsIsNoise() {
        #expect(run(rule, cluster([(41, 9, 40, 354), (45, 10, 38, 96), (44, 9, 41, 97)])).isEmpty)
    }

    @Test func p99IsComparedFromAThousandRequests() {
        // Only the tail is slow (GC pauses): visible once p99 rests on 10 values.
        #expect(run(rule, third(1_000, p99: 400)).first?.title.contains("p99 400ms vs 40ms") == true)
        #expect(run(rule, third(999, p99: 400)).isEmpty)
    }

    @Test func p90IsComparedFromAHundredRequests() {
        #expect(run(rule, third(100, p90: 200, p99: 250)).first?.title.contains("p90 200ms vs 20ms") == true)
        #expect(run(rule, third(99, p90: 200, p99: 250)).isEmpty)
    }

    @Test func p50IsComparedFromTwentyRequests() {
        #expect(run(rule, third(20, p50: 80, p90: 90, p99: 100)).first?.title.contains("p50 80ms vs 10ms") == true)
        #expect(run(rule, third(19, p50: 80, p90: 90, p99: 100)).isEmpty)
    }

    @Test func ratioAndExtraThresholds() {
        #expect(run(rule, cluster([(20, 25, 30, 40), (20, 25, 30, 40), (20, 75, 80, 90)])).count == 1)  // exactly 3×, +50ms
        #expect(run(rule, cluster([(20, 25, 30, 40), (20, 25, 30, 40), (20, 74, 80, 90)])).isEmpty)     // 2.96×
        #expect(run(rule, cluster([(20, 5, 30, 40), (20, 5, 30, 40), (20, 30, 80, 90)])).count == 1)    // 6×, exactly +25ms
        #expect(run(rule, cluster([(20, 5, 30, 40), (20, 5, 30, 40), (20, 29, 80, 90)])).isEmpty)       // 5.8× but +24ms
    }

    @Test func comparedHostsNeedEnoughRequestsToo() {
        // The slow host has 1,000 requests, but its siblings too few for p99 and p90: only p50 counts.
        #expect(run(rule, cluster([(50, 10, 20, 40), (50, 10, 20, 40), (1_000, 12, 25, 400)])).isEmpty)
    }

    /// 9% of requests timing out at 3 s put every host's p90 on the deadline, and one host's p90
    /// above 3× its siblings' by chance: p90 is then skipped (p50 still compared). Same for injected
    /// delays (DI) and client cancellations.
    @Test func percentilesReachedByEnvoysOwnDurationsAreNotCompared() {
        func timingOut(_ errors: [Int], p50: Int = 12, flag: ResponseFlag? = nil) -> Snapshot {
            let hosts = errors.enumerated().map { i, e in
                HostStats(host: "10.244.1.\(i + 10):8080", requests: 200, share: 1.0 / 3, errors: flag == nil ? e : 0,
                          latency: LatencySummary(count: 200, p50: i == 2 ? p50 : 12, p90: i == 2 ? 3_000 : 300, p99: 3_000,
                                                  max: 3_000, mean: 200),
                          flags: flag.map { [FlagCount(flag: $0, count: e)] } ?? [])
            }
            return Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: 600, errors: flag == nil ? errors.reduce(0, +) : 0,
                                                     hosts: hosts)])
        }
        #expect(run(rule, timingOut([17, 18, 22])).isEmpty)
        #expect(run(rule, timingOut([9, 9, 9])).first?.title.contains("p90 3.0s vs 300ms") == true)   // 4.5% failed
        #expect(run(rule, timingOut([10, 10, 10])).isEmpty)                                                // 5%
        #expect(run(rule, timingOut([17, 18, 22], p50: 90)).first?.title.contains("p50 90ms vs 12ms") == true)
        #expect(run(rule, timingOut([9, 9, 9], flag: .delayInjected)).count == 1)
        #expect(run(rule, timingOut([10, 10, 10], flag: .delayInjected)).isEmpty)
        #expect(run(rule, timingOut([10, 10, 10], flag: .downstreamConnectionTermination)).isEmpty)
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
        #expect(run(rule, cluster([(1_000, 10, 20, 40), (1_000, 11, 22, 45), (60, 80, 200, 400)])).first?.severity == .info)
    }

    @Test func percentileRequestMinimums() {
        typealias P = SlowUpstreamHostRule.Percentile
        #expect(P.p50.minRequests(tailSamples: 10) == 20)
        #expect(P.p90.minRequests(tailSamples: 10) == 100)
        #expect(P.p99.minRequests(tailSamples: 10) == 1_000)
        #expect(P.p99.minRequests(tailSamples: 5) == 500)
    }

    /// The siblings' median read from one sorted list equals the median of the list without that
    /// value, for every value of random lists (odd and even lengths, repeated values).
    @Test func medianWithoutOneValueMatchesTheMedianOfTheRest() {
        var state: UInt64 = 17
        for n in 2...40 {
            let values = (0..<n).map { _ -> Int in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int((state >> 33) % 12) * 10
            }
            let sorted = values.sorted()
            for i in values.indices {
                var rest = values
                rest.remove(at: i)
                #expect(SlowUpstreamHostRule.medianWithout(values[i], in: sorted) == SlowUpstreamHostRule.median(rest))
            }
        }
    }

    /// A cluster of 3,000 hosts (one slow) is judged in one pass: the slow host is found.
    @Test func thousandsOfHostsAreJudged() {
        let counts = [Int](repeating: 1_200, count: 3_000)
        var p99 = [Int](repeating: 40, count: 3_000)
        p99[1_234] = 900
        let hosts = Fixture.hosts(counts, port: 50051, p99: p99)
        let c = Fixture.cluster("outbound|50051||big.ns.svc.cluster.local", requests: 3_600_000, http1: 0, hosts: hosts)
        let findings = run(rule, Fixture.snapshot([c]))
        #expect(findings.count == 1)
    }
}
