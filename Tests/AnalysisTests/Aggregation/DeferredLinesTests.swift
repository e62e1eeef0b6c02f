import TestSupport
import Testing
@testable import Analysis

/// With a large line-key cache the aggregator counts each line a few lines after it came
/// (`DeferredLines`, so that cache entries can be prefetched): the snapshots must be those of
/// counting every line at once, whatever the lines (long ones that skip the ring included), the
/// limits, and the copies made on the way.
@Suite struct DeferredLinesTests {
    /// Random lines of every kind, with a few lines too long for a ring slot.
    static func lines(seed: UInt64) -> [(TestLine, String)] {
        var lines = KeyCacheDifferentialTests.randomLines(3000, seed: seed)
        for i in stride(from: 37, to: lines.count, by: 211) {
            lines[i].0.path = "/long/" + String(repeating: "x", count: DeferredLines.lineBytes)
        }
        for i in stride(from: 5, to: lines.count, by: 17) { lines[i].0.flags = "DC" }
        return lines
    }

    /// An aggregator whose cache is large from the start (so lines are deferred), or none (so
    /// every line is counted at once).
    static func aggregator(_ limits: AggregatorLimits, deferred: Bool) -> Aggregator {
        var l = limits
        if !deferred { l.keyCacheEntries = 0 }
        var a = Aggregator(limits: l)
        if deferred {
            a.keyCache = LineKeyCache(entries: 32_768, initialEntries: 16_384)
            #expect(a.keyCache.isLarge)
        }
        return a
    }

    @Test(arguments: [1 as UInt64, 2])
    func deferringChangesNothing(seed: UInt64) {
        let lines = Self.lines(seed: seed)
        for limits in [AggregatorLimits.default, AggregatorLimits.report,
                       AggregatorLimits(clusters: 3, hosts: 4, methods: 3, paths: 4, keys: 3, sources: 2,
                                        breakdown: 4, maxKeyLength: 20)] {
            var deferred = Self.aggregator(limits, deferred: true)
            var plain = Self.aggregator(limits, deferred: false)
            for (i, (t, pod)) in lines.enumerated() {
                deferred.add(t, pod: pod, container: "istio-proxy")
                plain.add(t, pod: pod, container: "istio-proxy")
                if i % 1000 == 999 { #expect(deferred.snapshot() == plain.snapshot()) }
            }
            #expect(deferred.hasPendingCounts || lines.count % DeferredLines.capacity == 0)
            #expect(deferred.snapshot() == plain.snapshot())
            #expect(deferred.snapshot().requests == 3000)
        }
    }

    /// A copy made while lines wait goes its own way: both it and the original end where counting
    /// their own lines at once ends (the ring's bytes are copied before either writes).
    @Test func copiesDoNotShareWaitingLines() {
        let lines = Self.lines(seed: 3)
        var a = Self.aggregator(.report, deferred: true)
        for (t, pod) in lines[..<1003] { a.add(t, pod: pod, container: "istio-proxy") }
        #expect(!a.deferredLines.isEmpty)
        var b = a
        for (t, pod) in lines[1003...] { a.add(t, pod: pod, container: "istio-proxy") }
        for (t, pod) in lines[1003..<2000].reversed() { b.add(t, pod: pod, container: "istio-proxy") }
        var plainA = Self.aggregator(.report, deferred: false)
        for (t, pod) in lines { plainA.add(t, pod: pod, container: "istio-proxy") }
        var plainB = Self.aggregator(.report, deferred: false)
        for (t, pod) in lines[..<1003] + lines[1003..<2000].reversed() { plainB.add(t, pod: pod, container: "istio-proxy") }
        #expect(a.snapshot() == plainA.snapshot())
        #expect(b.snapshot() == plainB.snapshot())
    }

    /// Merging an aggregator with waiting lines counts them.
    @Test func mergeCountsWaitingLines() {
        let lines = Self.lines(seed: 4)
        var first = Self.aggregator(.report, deferred: true)
        var second = Self.aggregator(.report, deferred: true)
        for (t, pod) in lines[..<1500] { first.add(t, pod: pod, container: "istio-proxy") }
        for (t, pod) in lines[1500...] { second.add(t, pod: pod, container: "istio-proxy") }
        #expect(!second.deferredLines.isEmpty)
        first.merge(second)
        var plain = Self.aggregator(.report, deferred: false)
        for (t, pod) in lines { plain.add(t, pod: pod, container: "istio-proxy") }
        #expect(first.snapshot().requests == 3000)
        #expect(first.snapshot().sources == plain.snapshot().sources)
    }
}
