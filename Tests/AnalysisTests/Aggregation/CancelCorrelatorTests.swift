import AccessLog
import TestSupport
import Testing
@testable import Analysis

/// DR/DC records of one cancel, logged by the client's and the server's sidecar, pair into one event.
@Suite struct CancelCorrelatorTests {
    static let outbound = "outbound|50051||orders.shop.svc.cluster.local"
    static let inbound = "inbound|50051||"

    /// A cancelled gRPC call as one sidecar logs it (Envoy 1.40: `0 DR http2.remote_reset`).
    static func cancel(id: String, inbound: Bool, startMs: Int64 = 1_714_557_600_000, flags: String = "DR",
                       path: String = "/shop.Orders/Slow") -> TestLine {
        var t = TestLine.grpc(path, status: -1, flags: flags)
        t.code = 0
        t.details = "http2.remote_reset"
        t.requestID = id
        t.startMs = startMs
        t.cluster = inbound ? Self.inbound : Self.outbound
        t.host = inbound ? "127.0.0.1:57197" : "127.0.0.1:42509"
        return t
    }

    static func pairs(_ lines: [TestLine], limits: AggregatorLimits = .default) -> CancelPairs {
        var a = Aggregator(limits: limits)
        for t in lines { a.add(t) }
        return a.snapshot().cancelPairs
    }

    @Test func bothSidecarsOfOneCancelAreOneEvent() {
        let lines = [Self.cancel(id: "a", inbound: false), Self.cancel(id: "a", inbound: true),
                     Self.cancel(id: "b", inbound: false), Self.cancel(id: "c", inbound: true)]
        for order in [lines, lines.reversed()] {
            let p = Self.pairs(order)
            #expect(p.matchedByID == 1 && p.matchedByTime == 0)
            #expect(p.clientOnly == 1 && p.serverOnly == 1 && p.untracked == 0 && !p.isApproximate)
            #expect(p.records == 4 && p.events == 3)
            #expect(p.links == [CancelLink(clientCluster: Self.outbound, serverCluster: Self.inbound, matched: 1)])
            // Both lines of the pair, the client side's first.
            #expect(p.sample.count == 2 && p.sample[0].contains("\"a\" ") && p.sample[0].contains(Self.outbound)
                    && p.sample[1].contains("\"a\" ") && p.sample[1].contains(Self.inbound))
        }
    }

    @Test func dcOnOneSideAndDROnTheOtherPairToo() {
        let p = Self.pairs([Self.cancel(id: "x", inbound: false, flags: "DC"), Self.cancel(id: "x", inbound: true)])
        #expect(p.matched == 1 && p.clientOnly == 0 && p.serverOnly == 0)
    }

    @Test func twoClientSidecarsAreNotAPair() {
        // Two outbound records with one id (a retry through the same sidecar) are not two sides.
        let p = Self.pairs([Self.cancel(id: "r", inbound: false), Self.cancel(id: "r", inbound: false)])
        #expect(p.matched == 0 && p.clientOnly == 2)
    }

    @Test func withoutRequestIDPairsByAuthorityPathAndSecond() {
        let base: Int64 = 1_714_557_600_000
        // Same second; neighbouring seconds (the server's record starts a few ms later); 2 s apart: no pair.
        let lines = [Self.cancel(id: "-", inbound: false, startMs: base + 100), Self.cancel(id: "-", inbound: true, startMs: base + 101),
                     Self.cancel(id: "-", inbound: false, startMs: base + 5_999), Self.cancel(id: "-", inbound: true, startMs: base + 6_001),
                     Self.cancel(id: "-", inbound: false, startMs: base + 20_000), Self.cancel(id: "-", inbound: true, startMs: base + 22_000),
                     Self.cancel(id: "-", inbound: true, startMs: base + 30_000, path: "/shop.Orders/Other"),
                     Self.cancel(id: "-", inbound: false, startMs: base + 30_000)]
        for order in [lines, lines.reversed()] {
            let p = Self.pairs(order)
            #expect(p.matchedByTime == 2 && p.matchedByID == 0)
            #expect(p.clientOnly == 2 && p.serverOnly == 2)
        }
    }

    @Test func mergeOfPartsEqualsOnePass() {
        var lines: [TestLine] = []
        for i in 0..<300 {
            let id = "id-\(i)"
            if i % 3 != 0 { lines.append(Self.cancel(id: id, inbound: false, startMs: 1_714_557_600_000 + Int64(i * 10))) }
            if i % 5 != 0 { lines.append(Self.cancel(id: id, inbound: true, startMs: 1_714_557_600_001 + Int64(i * 10))) }
            if i % 7 == 0 {
                lines.append(Self.cancel(id: "-", inbound: i % 2 == 0, startMs: 1_714_557_600_000 + Int64(i * 400)))
            }
        }
        let whole = Self.pairs(lines)
        #expect(whole.matchedByID == 160 && whole.clientOnly + whole.serverOnly > 0)
        for cut in [1, 97, lines.count / 2, lines.count - 3] {
            var first = Aggregator(), second = Aggregator()
            for t in lines[..<cut] { first.add(t) }
            for t in lines[cut...].reversed() { second.add(t) }
            var merged = second
            merged.merge(first)
            // Counts are exact; the sample (one pair's two lines) depends on the order, like flag samples.
            var pairs = merged.snapshot().cancelPairs
            #expect(pairs.sample.count == 2 && pairs.sample[0].contains(Self.outbound) && pairs.sample[1].contains(Self.inbound))
            pairs.sample = whole.sample
            #expect(pairs == whole, "cut at \(cut)")
        }
    }

    @Test func pastTheBoundItSaysApproximate() {
        var limits = AggregatorLimits.default
        limits.cancelKeys = 4
        // Ten client-side cancels fill the table; their server-side partners beyond the bound stay unpaired.
        let lines = (0..<10).map { Self.cancel(id: "k\($0)", inbound: false) } + (0..<10).map { Self.cancel(id: "k\($0)", inbound: true) }
        let p = Self.pairs(lines, limits: limits)
        // k0…k3 pair (and free their keys); k4…k9 were refused on the client side, so their server
        // records find no partner: k4…k7 wait in the freed room, k8 and k9 are refused too.
        #expect(p.matched == 4)
        #expect(p.untracked == 8 && p.serverOnly == 4 && p.isApproximate)
        #expect(p.records == 20)
        // One side only: nothing could pair, so nothing is approximate.
        let oneSide = Self.pairs((0..<10).map { Self.cancel(id: "s\($0)", inbound: true) }, limits: limits)
        #expect(oneSide.untracked == 6 && oneSide.serverOnly == 4 && !oneSide.isApproximate)
    }

    @Test func sideComesFromTheClusterName() {
        func inbound(_ s: String) -> Bool { Array(s.utf8).withUnsafeBytes { CancelCorrelator.isInbound($0) } }
        #expect(inbound("inbound|50051||") && inbound("inbound-vip|80|http|reviews.default.svc.cluster.local"))
        #expect(inbound("InboundPassthroughCluster"))
        #expect(!inbound("outbound|50051||orders.shop.svc.cluster.local") && !inbound("-") && !inbound("in"))
        #expect(!inbound("PassthroughCluster"))
    }

    @Test func recordsWithoutCancelFlagsAreNotCorrelated() {
        var t = Self.cancel(id: "z", inbound: true, flags: "UF")
        t.code = 503
        let p = Self.pairs([Self.cancel(id: "z", inbound: false), t])
        #expect(p.matched == 0 && p.clientOnly == 1 && p.serverOnly == 0)
    }
}

extension CancelCorrelatorTests {
    @Test func trimmingASealedBucketKeepsTheTotals() {
        var a = Aggregator()
        for i in 0..<50 { a.add(Self.cancel(id: "t\(i)", inbound: i % 2 == 0)) }
        a.trim(to: AggregatorLimits(cancelKeys: 16))   // at most 16 unpaired keys
        let p = a.snapshot().cancelPairs
        #expect(p.clientOnly + p.serverOnly == 16 && p.untracked == 34 && p.records == 50)
        #expect(p.isApproximate)
    }
}
