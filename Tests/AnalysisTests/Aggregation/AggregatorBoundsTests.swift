import TestSupport
import AccessLog
import Testing
@testable import Analysis

@Suite struct AggregatorBoundsTests {
    /// The "other" payloads (evicted clusters folded together, a cluster's evicted hosts) keep no pod
    /// links: no view lists them, and folding them cost a prune of thousands of links per eviction.
    /// The live clusters' and hosts' links are whole, and every pod's total is exact.
    @Test func evictedKeysKeepNoPodLinks() {
        let limits = AggregatorLimits(clusters: 8, hosts: 16, sources: 64, recentLines: 0, recentLineBytes: 0)
        var a = Aggregator(limits: limits)
        for i in 0..<2000 {
            var t = TestLine()
            t.cluster = "outbound|80||svc-\(i % 41).ns.svc.cluster.local"
            t.host = "10.9.\(i % 41).\(i % 7):80"
            a.add(t, pod: "pod-\(i % 23)", container: "istio-proxy")
        }
        a.flushPendingKeyCounts()
        #expect(a.clusters.isApproximate && a.hosts.isApproximate)
        #expect(a.clusters.other.requests > 0 && a.clusters.other.pods.count == 0 && !a.clusters.other.pods.isKept)
        let withFoldedHosts = a.clusters.liveSlots.filter { a.clusters[$0].hasEvictedHosts }
        for slot in withFoldedHosts { #expect(a.clusters[slot].otherHost.pods.count == 0) }
        for slot in a.clusters.liveSlots { #expect(a.clusters[slot].pods.isKept && a.clusters[slot].pods.count > 0) }
        let s = a.snapshot()
        #expect(s.sources.reduce(0) { $0 + $1.requests } == 2000)
        #expect(s.sources.count == 23)
    }

    /// Thousands of distinct clusters, hosts, paths, authorities and pods stay within the limits, and
    /// every total stays exact through the "other" buckets.
    @Test func highCardinalityStaysBounded() {
        let limits = AggregatorLimits(clusters: 8, hosts: 16, methods: 8, paths: 16, keys: 8, sources: 8,
                                      breakdown: 4, recentLines: 16, recentLineBytes: 4096)
        var a = Aggregator(limits: limits)
        let n = 3000
        for i in 0..<n {
            var t = TestLine()
            t.cluster = "outbound|80||svc-\(i % 97).ns.svc.cluster.local"
            t.host = "10.9.\(i % 251).\(i % 13):80"
            t.path = "/p\(i % 499)x/\(i)"
            t.method = i % 2 == 0 ? "GET" : "DELETE"
            t.authority = "a\(i).example"
            t.details = "detail_\(i % 53)"
            t.flags = i % 10 == 0 ? "UF" : "-"
            a.add(t, pod: "pod-\(i % 61)", container: "istio-proxy")
        }
        #expect(a.clusters.liveCount <= 8 && a.paths.liveCount <= 16 && a.authorities.liveCount <= 8)
        #expect(a.sources.liveCount <= 8 && a.methods.liveCount <= 8 && a.details.liveCount <= 8)
        #expect(a.hosts.liveCount <= 16)
        #expect(a.podClusterLinks <= limits.podLinks && a.podHostLinks <= limits.podLinks)
        let s = a.snapshot()
        #expect(s.requests == n)
        #expect(s.clusters.reduce(0) { $0 + $1.requests } == n)
        #expect(s.clusters.last?.isOther == true)
        for c in s.clusters { #expect(c.hosts.reduce(0) { $0 + $1.requests } == c.requests) }
        #expect(s.paths.reduce(0) { $0 + $1.count } == n && s.paths.last?.isOther == true)
        #expect(s.authorities.reduce(0) { $0 + $1.count } == n)
        #expect(s.codeDetails.reduce(0) { $0 + $1.count } == n)
        #expect(s.methods.reduce(0) { $0 + $1.requests } == n / 2)
        #expect(s.sources.reduce(0) { $0 + $1.requests } == n)
        let uf = s.flags.first { $0.flag == .upstreamConnectionFailure }
        #expect(uf?.count == n / 10 && uf?.clusters.reduce(0) { $0 + $1.count } == n / 10)
        #expect(uf?.hosts.reduce(0) { $0 + $1.count } == n / 10)
        #expect(s.recentLines.count <= 16)
    }

    /// The line-key cache only changes the cost: with it, without it, and with a tiny one (constant
    /// collisions), under pruning limits, the snapshots are identical — also mid-stream.
    @Test func keyCacheDoesNotChangeResults() {
        func run(_ cacheEntries: Int) -> [Snapshot] {
            let limits = AggregatorLimits(clusters: 3, hosts: 4, methods: 3, paths: 4, keys: 3, sources: 2,
                                          breakdown: 4, keyCacheEntries: cacheEntries)
            var a = Aggregator(limits: limits)
            var snaps: [Snapshot] = []
            for (i, (t, pod)) in AggregatorMergeTests.traffic(600).enumerated() {
                var t = t
                if i % 50 == 0 { t.cluster = "outbound|80||rare-\(i).ns.svc.cluster.local" }
                a.add(t, pod: pod, container: "istio-proxy")
                if i % 150 == 149 { snaps.append(a.snapshot()) }
            }
            return snaps
        }
        let plain = run(0)
        #expect(plain.count == 4)
        #expect(run(1024) == plain)
        #expect(run(2) == plain)
    }

    @Test func malformedSamplesAreBoundedAndCut() {
        var a = Aggregator()
        for i in 1...20 { a.addMalformed(.tooLong, String(repeating: "z", count: 2000), lineNumber: i) }
        let s = a.snapshot()
        #expect(s.lines.malformed == 20 && s.lines.malformedSamples.count == 5)
        #expect(s.lines.malformedSamples.map(\.lineNumber) == [1, 2, 3, 4, 5])
        #expect(s.lines.malformedSamples[0].text.utf8.count < 600)
        #expect(s.lines.malformedByReason == [KindCount(kind: .tooLong, count: 20)])
    }

    /// Trimming the pod links below the number of hosts that have one link each empties link sets
    /// instead of halving sets of one for ever (a live bucket of 10,000 hosts trimmed to 6,666 links
    /// hung the reader).
    @Test func linkBudgetBelowTheHostCountEmptiesSetsOfOneLink() {
        var a = Aggregator()
        for i in 0..<200 {
            var t = TestLine()
            t.host = "10.9.\(i / 100).\(i % 100):80"
            a.add(t, pod: "pod-\(i)", container: "istio-proxy")
        }
        a.flushPendingKeyCounts()
        #expect(a.podHostLinks == 200 && a.podClusterLinks == 200)
        a.trim(to: AggregatorLimits(podLinks: 50))
        #expect(a.podHostLinks <= 50 && a.podClusterLinks <= 50)
        let s = a.snapshot()
        #expect(s.requests == 200 && s.accuracy.podLinks.approximate)
        #expect(s.sources.reduce(0) { $0 + $1.requests } == 200, "pods keep their requests; only links went")
    }

    /// A trimmed aggregator rebuilt with the same limits keeps slots for its live keys only (merging
    /// into an empty aggregator with equal limits used to take the source as it was, peak-sized
    /// arrays and all, so trimmed live buckets kept about 1 KiB per cluster they had ever held).
    @Test func compactionRebuildsAlsoWithUnchangedLimits() {
        var a = Aggregator()
        for i in 0..<200 {
            var t = TestLine()
            t.cluster = "outbound|80||svc-\(i).ns.svc.cluster.local"
            a.add(t, pod: "pod-\(i % 7)", container: "istio-proxy")
        }
        a.trim(to: AggregatorLimits(clusters: 16))
        #expect(a.clusters.keys.slotCount == 200 && a.clusters.liveCount <= 16)
        let compact = a.compacted(limits: a.limits)
        #expect(compact.clusters.keys.slotCount == compact.clusters.liveCount)
        #expect(compact.hosts.keys.slotCount == compact.hosts.liveCount)
        #expect(compact.snapshot() == a.snapshot())
    }
}
