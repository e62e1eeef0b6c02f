import AccessLog
import Testing
@testable import Analysis

@Suite struct ConnectionPinningRuleTests {
    let rule = ConnectionPinningRule()

    /// Three hosts; each pod's requests split over hosts as given.
    func pods(_ split: [[Int]], tcp: Int = 0) -> Snapshot {
        let perHost = (0..<3).map { h in split.reduce(0) { $0 + $1[h] } }
        let total = perHost.reduce(0, +)
        let sources = split.enumerated().map { i, counts in
            SourceStats(pod: "frontend-6f7b9-\(i)", requests: counts.reduce(0, +), clusters: [
                SourceClusterStats(cluster: Fixture.orders, requests: counts.reduce(0, +),
                                   hosts: counts.enumerated().filter { $0.element > 0 }
                                       .map { KeyCount(key: "10.244.1.\($0.offset + 10):50051", count: $0.element) }),
            ])
        }
        let c = Fixture.cluster(Fixture.orders, requests: total, tcp: tcp, grpc: total - tcp, hosts: Fixture.hosts(perHost))
        return Fixture.snapshot([c], sources: sources)
    }

    @Test func podsEachPinnedToOneHost() throws {
        let f = try #require(run(rule, pods([[300, 0, 0], [0, 290, 10], [0, 0, 300]])).first)
        #expect(f.severity == .warning)
        #expect(f.title == "Connection pinning on orders.shop:50051: 3 of 3 client pods send ≥ 90% of their requests to one host (3 hosts)")
        #expect(f.fact("frontend-6f7b9-1") == "→ 10.244.1.11:50051 (96.7% of 300)")
        #expect(f.verifyText.contains("istioctl proxy-config endpoint frontend-6f7b9-0 --cluster \"outbound|50051||orders.shop.svc.cluster.local\""))
        #expect(f.explanation.first?.contains("headless") == true)
    }

    @Test func tcpTrafficPutsTheProtocolFirst() throws {
        let f = try #require(run(rule, pods([[300, 0, 0], [0, 300, 0]], tcp: 600)).first)
        #expect(f.explanation.first?.contains("plain TCP") == true)
        #expect(f.fixes.first?.body.contains(#""port":50051,"appProtocol":"grpc""#) == true)
    }

    @Test func balancedPodsAreNotPinned() {
        #expect(run(rule, pods([[100, 100, 100], [90, 110, 100]])).isEmpty)
    }

    @Test func thresholds() {
        #expect(run(rule, pods([[90, 10, 0], [0, 90, 10]])).count == 1)   // exactly 90%
        #expect(run(rule, pods([[89, 11, 0], [0, 89, 11]])).isEmpty)
        #expect(run(rule, pods([[300, 0, 0], [100, 100, 100]])).isEmpty)  // one pinned pod is not several
        #expect(run(rule, pods([[19, 0, 0], [0, 19, 0]])).isEmpty)        // too few requests per pod
    }

    @Test func hostImbalanceWithoutPodPrefixes() throws {
        let c = Fixture.cluster(Fixture.orders, requests: 1_000, grpc: 1_000, hosts: Fixture.hosts([900, 50, 50]))
        let f = try #require(run(rule, Fixture.snapshot([c])).first)
        #expect(f.title == "Connection pinning on orders.shop:50051: 10.244.1.10:50051 takes 90.0% of 1,000 requests (fair share 33.3%)")
        #expect(f.fact("Imbalance") == "0.85 (0 even … 1 all on one host)")
    }

    @Test func imbalanceThresholdsAndHTTP1() {
        let at = Fixture.cluster(Fixture.orders, requests: 100, hosts: Fixture.hosts([80, 20]))          // imbalance 0.6
        let below = Fixture.cluster(Fixture.orders, requests: 100, hosts: Fixture.hosts([79, 21]))
        let few = Fixture.cluster(Fixture.orders, requests: 99, hosts: Fixture.hosts([99, 0]))
        let http1 = Fixture.cluster(Fixture.payments, requests: 1_000, http1: 1_000, hosts: Fixture.hosts([900, 100], port: 8080))
        #expect(run(rule, Fixture.snapshot([at])).count == 1)
        #expect(run(rule, Fixture.snapshot([below])).isEmpty)
        #expect(run(rule, Fixture.snapshot([few])).isEmpty)
        #expect(run(rule, Fixture.snapshot([http1])).isEmpty)
    }

    @Test func singleHostClusterCannotBePinned() {
        let c = Fixture.cluster(Fixture.orders, requests: 1_000, hosts: Fixture.hosts([1_000]))
        #expect(run(rule, Fixture.snapshot([c])).isEmpty)
    }
}
