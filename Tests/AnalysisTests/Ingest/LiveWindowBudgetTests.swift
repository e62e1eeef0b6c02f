import AccessLog
import Foundation
import Testing
@testable import Analysis

/// The sealed buckets of the live view share a budget of keys: the newest keep everything they saw
/// while the budget lasts, so a window over recent buckets stays exact at mesh scale.
@Suite struct LiveWindowBudgetTests {
    static let base = LiveWindowTests.base

    /// One line at `second` to host `host` of cluster `cluster`.
    static func line(second: Int, cluster: Int, host: Int) -> String {
        let seconds = (base + Int64(second) * 1000) / 1000
        let time = String(format: "2026-11-20T%02d:%02d:%02d.000Z", (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60)
        return "[\(time)] \"GET /items HTTP/1.1\" 200 - via_upstream - \"-\" 0 10 3 3 \"-\" \"curl/8\" \"id\" "
            + "\"svc-\(cluster):80\" \"10.1.\(cluster).\(host):80\" outbound|80||svc-\(cluster).default.svc.cluster.local "
            + "10.0.0.1:40000 10.96.0.9:80 10.0.0.1:39999 - default"
    }

    /// `buckets` 10-second buckets, each with every host of `clusters` clusters × `hosts` hosts.
    static func sink(limits: AggregatorLimits, buckets: Int, clusters: Int, hosts: Int) -> LiveBuckets {
        var processor = LineProcessor(parser: LineParser(), sink: LiveBuckets(limits: limits, minSealIntervalMs: 0))
        for bucket in 0..<buckets {
            for c in 0..<clusters {
                for h in 0..<hosts {
                    var bytes = Array(line(second: bucket * 10, cluster: c, host: h).utf8)
                    bytes.withUnsafeMutableBytes { processor.process(UnsafeRawBufferPointer($0), truncated: false) }
                }
            }
        }
        return processor.sink
    }

    /// Bounds of 600 clusters and 6,000 hosts give the sealed buckets a budget of 600 clusters and
    /// 3,600 hosts. Buckets of 40 clusters × 10 hosts: the newest nine keep every host and the newest
    /// fifteen every cluster, so the last minute (the open bucket and five sealed ones) stays exact;
    /// the oldest are trimmed. (Each bucket trimmed to 1/30 of the bounds, 20 clusters and 200 hosts,
    /// made every window approximate.)
    @Test func theLastMinuteStaysExactWhenBucketsOutgrowTheirShare() throws {
        let limits = AggregatorLimits(clusters: 600, hosts: 6_000)
        var sink = Self.sink(limits: limits, buckets: 40, clusters: 40, hosts: 10)
        #expect(sink.sealed.count == LiveBuckets.keptBuckets)
        let minuteWindow = sink.windowed(.lastMinute)
        let minute = try #require(minuteWindow).aggregator.snapshot()
        #expect(minute.requests == 6 * 400)
        #expect(!minute.accuracy.anyApproximate, "the last six buckets keep every key")
        #expect(minute.clusters.count == 40)
        #expect(minute.clusters.allSatisfy { $0.requests == 60 && $0.hosts.count == 10 })

        let fiveWindow = sink.windowed(.last5Minutes)
        let five = try #require(fiveWindow).aggregator.snapshot()
        #expect(five.requests == 30 * 400, "totals stay exact")
        #expect(five.accuracy.hosts.approximate, "the oldest buckets were trimmed")
        #expect(five.clusters.first { !$0.isOther }?.hosts.count == 10, "no cluster lost its hosts")
        let judged = five.clusters.filter { !$0.isOther && $0.balance.verdict != .tooFew }
        #expect(!judged.isEmpty && judged.allSatisfy { $0.balance.verdict == .even },
                "hosts missing the counts of trimmed buckets are not called skewed")
        #expect(sink.total().snapshot().accuracy.anyApproximate == false)
    }

    /// However many keys the buckets see, together they keep at most the budget (one aggregator's
    /// bounds), give or take the 16 keys per table a bucket trimmed to nothing still keeps.
    @Test func sealedBucketsStayWithinTheBudget() {
        let limits = AggregatorLimits(clusters: 600, hosts: 6_000)
        var sink = Self.sink(limits: limits, buckets: 36, clusters: 120, hosts: 10)
        let held = sink.sealed.reduce(KeyLoad()) { $0.combined(with: $1.aggregator.keyLoad, +) }
        let budget = LiveBuckets.sealedBudget(limits)
        #expect(held.clusters <= budget.clusters + 16 * LiveBuckets.keptBuckets)
        #expect(held.hosts <= budget.hosts + 16 * LiveBuckets.keptBuckets)
        #expect(held.clusters >= 600 - 120 && held.hosts >= 3_000 - 1_200, "the budget is used")
        #expect(budget.clusters == 600 && budget.hosts == 3_600)
        let newest = sink.sealed.last?.aggregator.keyLoad
        #expect(newest?.clusters == 120 && newest?.hosts == 1_200)
        #expect(sink.total().snapshot().requests == 36 * 1_200)
    }
}
