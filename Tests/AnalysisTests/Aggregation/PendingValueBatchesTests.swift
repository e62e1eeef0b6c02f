import TestSupport
import Testing
@testable import Analysis

/// Full batches of line values wait in a queue before they are recorded (`PendingValueBatches`): the
/// snapshot must be the one of recording each batch at once, below the bounds and past them, in a
/// snapshot taken while batches wait, and across a merge.
@Suite struct PendingValueBatchesTests {
    /// Few keys, so that cache entries fill their value buffers and the queue fills many times.
    static var lines: [(TestLine, String)] { ScaleDifferentialTests.traffic(.init(clusters: 6, hostsPerCluster: 4, pods: 5, lines: 20_000), seed: 5) }

    @Test(arguments: [AggregatorLimits.report,
                      AggregatorLimits(clusters: 4, hosts: 8, sources: 4, podLinks: 16, recentLines: 0, recentLineBytes: 0)])
    func queuedEqualsRecordedAtOnce(_ limits: AggregatorLimits) {
        let queued = PendingPodLinksTests.aggregate(Self.lines, limits, eachLine: false)
        let single = PendingPodLinksTests.aggregate(Self.lines, limits, eachLine: true)
        let s = queued.snapshot()
        #expect(s == single.snapshot())
        #expect(s.requests == 20_000)
        #expect(s.clusters.reduce(0) { $0 + $1.latency.count } == 20_000)
    }

    @Test func snapshotsAndMergesCountWaitingBatches() {
        var first = Aggregator(limits: .report)
        var sawQueue = false
        let lines = Self.lines
        for (t, pod) in lines[..<10_000] {
            first.add(t, pod: pod, container: "istio-proxy")
            sawQueue = sawQueue || !first.pendingValueBatches.isEmpty
        }
        #expect(sawQueue)
        #expect(first.snapshot().clusters.reduce(0) { $0 + $1.latency.count } == 10_000)
        var second = Aggregator(limits: .report)
        for (t, pod) in lines[10_000...] { second.add(t, pod: pod, container: "istio-proxy") }
        first.merge(second)
        #expect(first.snapshot() == PendingPodLinksTests.aggregate(lines, .report, eachLine: true).snapshot())
    }
}
