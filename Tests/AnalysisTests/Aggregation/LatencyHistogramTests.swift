import Histogram
import Testing
@testable import Analysis

@Suite struct LatencyHistogramTests {
    /// Counting into our array and replaying into HdrHistogram gives exactly what recording into
    /// HdrHistogram directly gives.
    @Test(arguments: [1, 7, 300, 5000])
    func matchesHdrHistogram(seed: UInt64) {
        var state = seed
        var mine = LatencyHistogram()
        var direct = Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000,
                                       numberOfSignificantValueDigits: .two)
        var sum: UInt64 = 0
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let shape = state >> 60
            let v = shape < 8 ? (state >> 20) % 300 : shape < 14 ? (state >> 20) % 20_000 : (state >> 20) % 4_000_000
            mine.record(Int64(v))
            let clamped = min(v, 3_600_000)
            direct.record(clamped)
            sum += clamped
        }
        let s = mine.summary
        #expect(s.count == 3000)
        #expect(s.p50 == Int(direct.valueAtPercentile(50)))
        #expect(s.p90 == Int(direct.valueAtPercentile(90)))
        #expect(s.p99 == Int(direct.valueAtPercentile(99)))
        #expect(s.max == Int(direct.maxRecorded))
        #expect(abs(s.mean - Double(sum) / 3000) < 1e-9)
    }

    @Test func slotLayoutRoundTrips() {
        for v: UInt64 in [0, 1, 127, 128, 255, 256, 257, 511, 512, 1000, 65_535, 3_599_999, 3_600_000] {
            let slot = LatencyHistogram.slot(v)
            #expect(slot >= 0 && slot < LatencyHistogram.slotCount)
            let low = LatencyHistogram.lowestValue(ofSlot: slot)
            #expect(low <= v && LatencyHistogram.slot(low) == slot)
        }
    }

    @Test func ignoresNegativeAndMerges() {
        var a = LatencyHistogram(), b = LatencyHistogram()
        a.record(-1)
        #expect(a.count == 0 && a.summary == LatencySummary())
        a.record(10); b.record(30); b.record(20)
        a.merge(b)
        #expect(a.summary.count == 3 && a.summary.max == 30 && a.summary.mean == 20)
    }

    /// A sparse word holds a count of at most 2²¹ − 1: one more turns the histogram dense, and no
    /// count is lost on the way (also for a merge that brings a count that large at once).
    @Test func sparseCountsThatWouldOverflowTurnDense() {
        var h = LatencyHistogram()
        h.record(9)
        let many = (1 << 21) + 5
        for _ in 0..<many { h.record(7) }
        #expect(h.count == UInt64(many + 1))
        #expect(h.summary.p50 == 7 && h.summary.max == 9)
        var small = LatencyHistogram()
        for v in [1, 2, 3] as [Int64] { small.record(v) }
        small.merge(h)
        #expect(small.count == UInt64(many + 4))
        #expect(small.summary.p50 == 7 && small.summary.p99 == 7 && small.summary.max == 9)
    }

    /// A dense histogram records a batch through one pointer; a value past its slots (it must grow)
    /// in the middle of a batch, absent values, and the values after them give exactly what
    /// recording each value alone gives.
    @Test func batchesThatOutgrowTheDenseSlotsRecordLikeSingleValues() {
        var single = LatencyHistogram(), batched = LatencyHistogram()
        // Past `sparseLimit` distinct slots under 64 ms: both turn dense with 64 slots.
        let warmUp = (0..<80).map { UInt32($0 % 64) }
        let batches: [[UInt32]] = [warmUp, [3, 50, 2_000, 7, PendingValues.none, 63], [900_000, 1, 3_600_000], [5, 5, 5]]
        for batch in batches {
            for v in batch where v != PendingValues.none { single.record(Int64(v)) }
            batch.withUnsafeBufferPointer { batched.record(clamped: $0) }
        }
        #expect(batched.count == single.count && batched.count == 80 + 5 + 3 + 3)
        #expect(batched.summary == single.summary)
        #expect(batched.storageWords == single.storageWords)   // capacities depend on the allocator
        var merged = LatencyHistogram()
        merged.merge(batched)
        merged.merge(single)
        #expect(merged.summary.max == 3_600_000 && merged.count == 2 * single.count)
    }

    /// A histogram with many values in few slots turns dense once it is busy and its values fit
    /// 1 KiB (adds become an index); one whose values reach past 256 ms stays sparse (its dense form
    /// would be larger). The summary is the same either way.
    @Test func busyHistogramsWithSmallValuesTurnDense() {
        var small = LatencyHistogram(), wide = LatencyHistogram()
        var values: [Int64] = []
        for i in 0..<Int(LatencyHistogram.busyCount) + 50 {
            let v = Int64(i % 10) * 7
            small.record(v)
            values.append(v)
            wide.record(i % 10 == 0 ? 400 : v)
        }
        #expect(small.storageBytes >= 64 * 4 && small.storageBytes <= 1024)   // dense over slots 0..<64
        #expect(wide.storageBytes < 64 * 4)      // still 10 sparse words
        let sorted = values.sorted()
        let summary = small.summary
        #expect(summary.p50 == Int(sorted[Int((0.5 * Double(sorted.count)).rounded(.up)) - 1]))
        #expect(summary.p99 == Int(sorted[Int((0.99 * Double(sorted.count)).rounded(.up)) - 1]))
        #expect(summary.max == 63 && summary.count == values.count)
    }

    /// Values that all fall in one slot are kept without allocating; a second slot moves them into
    /// the storage; summaries and merges see them either way.
    @Test func oneSlotCostsNoAllocation() {
        var one = LatencyHistogram()
        for _ in 0..<5 { one.record(42) }
        #expect(one.storageBytes == 0)
        #expect(one.summary == LatencySummary(count: 5, p50: 42, p90: 42, p99: 42, max: 42, mean: 42))
        var other = LatencyHistogram()
        other.record(7)
        #expect(other.storageBytes == 0)
        var merged = one
        merged.merge(other)
        #expect(merged.storageBytes > 0)
        #expect(merged.summary.count == 6 && merged.summary.p50 == 42 && merged.summary.max == 42)
        var spilled = one
        spilled.record(900)
        #expect(spilled.storageBytes > 0)
        #expect(spilled.summary.count == 6 && spilled.summary.p50 == 42 && spilled.summary.max == 900)
        var batched = LatencyHistogram()
        [42, 42, 42, 42, 42].map { UInt32($0) }.withUnsafeBufferPointer { batched.record(clamped: $0) }
        #expect(batched.storageBytes == 0 && batched.summary == one.summary)
    }
}
