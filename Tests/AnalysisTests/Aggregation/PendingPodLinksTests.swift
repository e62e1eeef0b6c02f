import TestSupport
import Testing
@testable import Analysis

/// Pod links are counted in batches (`PendingPodLinks`): the snapshot must be the one of counting each
/// link at once, below the bounds and past them (where evictions must not lose a pending link).
@Suite struct PendingPodLinksTests {
    static func lines(_ shape: ScaleDifferentialTests.Shape) -> [(TestLine, String)] {
        ScaleDifferentialTests.traffic(shape, seed: 11)
    }

    /// Counts `lines`, settling every pending count after each line when `eachLine` (the unbatched
    /// order of work).
    static func aggregate(_ lines: [(TestLine, String)], _ limits: AggregatorLimits, eachLine: Bool) -> Aggregator {
        var a = Aggregator(limits: limits)
        for (t, pod) in lines {
            a.add(t, pod: pod, container: "istio-proxy")
            if eachLine { a.flushPendingKeyCounts() }
        }
        return a
    }

    @Test func fewerLinksThanABatchReachTheSnapshot() throws {
        var a = Aggregator(limits: .report)
        for (t, pod) in Self.lines(.init(clusters: 3, hostsPerCluster: 2, pods: 4, lines: 40)) {
            a.add(t, pod: pod, container: "istio-proxy")
        }
        #expect(a.hasPendingCounts)
        let s = a.snapshot()
        #expect(s.sources.reduce(0) { $0 + $1.clusters.reduce(0) { $0 + $1.requests } } == 40)
    }

    @Test func mergeCountsTheOtherSidesPendingLinks() {
        let lines = Self.lines(.init(clusters: 5, hostsPerCluster: 3, pods: 6, lines: 300))
        var first = Self.aggregate(Array(lines[..<150]), .report, eachLine: false)
        first.merge(Self.aggregate(Array(lines[150...]), .report, eachLine: false))
        #expect(first.snapshot() == Self.aggregate(lines, .report, eachLine: true).snapshot())
    }

    /// The report's limits; pods past their bound (the links are counted without the buffer); and
    /// links past their bound while every pod fits (the buffer takes links until draining them might
    /// not admit them all).
    @Test(arguments: [AggregatorLimits.report,
                      AggregatorLimits(clusters: 64, hosts: 256, sources: 32, podLinks: 512, recentLines: 0, recentLineBytes: 0),
                      AggregatorLimits(sources: 400, podLinks: 900, recentLines: 0, recentLineBytes: 0)])
    func batchedEqualsOneAtATime(_ limits: AggregatorLimits) {
        let lines = Self.lines(.init(clusters: 400, hostsPerCluster: 10, pods: 200, lines: 12_000))
        let batched = Self.aggregate(lines, limits, eachLine: false).snapshot()
        let single = Self.aggregate(lines, limits, eachLine: true).snapshot()
        #expect(batched == single)
        #expect(batched.sources.reduce(0) { $0 + $1.requests } == 12_000)
    }

    /// The links of lines that hit the line-key cache wait in the pod-link buffer (so the tests above
    /// do compare the buffered path), and the snapshot drains it.
    @Test func linksWaitInTheBufferUntilTheSnapshot() {
        let lines = Self.lines(.init(clusters: 40, hostsPerCluster: 5, pods: 30, lines: 3_000))
        var a = Aggregator(limits: .report)
        for (t, pod) in lines { a.add(t, pod: pod, container: "istio-proxy") }
        a.countPendingPodLinks()
        #expect(a.podLinkBuffer.count > 100)
        #expect(a.podClusterLinks == 0)
        let s = a.snapshot()
        #expect(s == Self.aggregate(lines, .report, eachLine: true).snapshot())
        a.releaseKeyCache()
        #expect(a.podLinkBuffer.isEmpty)
        #expect(a.podClusterLinks > 100)
    }
}
