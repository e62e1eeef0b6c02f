import Histogram
import Testing
@testable import Analysis

/// Rare slow values of a dense histogram wait in a sparse tail instead of stretching its dense slots.
@Suite struct LatencyHistogramTailTests {
    static func hdr(_ values: [UInt64]) -> Histogram<UInt32> {
        var h = Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: .two)
        for v in values { h.record(min(v, 3_600_000)) }
        return h
    }

    static func expectSameAsHdr(_ mine: LatencyHistogram, _ values: [UInt64]) {
        let direct = hdr(values)
        let s = mine.summary
        #expect(s.count == values.count)
        #expect(s.p50 == Int(direct.valueAtPercentile(50)) && s.p90 == Int(direct.valueAtPercentile(90)))
        #expect(s.p99 == Int(direct.valueAtPercentile(99)) && s.max == Int(direct.maxRecorded))
    }

    /// A busy host under 100 ms with 1 % of requests between 300 ms and 2 s: 1 KiB of dense slots
    /// and a few tail words (it had 2 KiB of dense slots before), and HdrHistogram's percentiles.
    @Test func rareSlowValuesStayInTheTail() {
        var h = LatencyHistogram()
        var values: [UInt64] = []
        for i in 0..<5_000 {
            let v: UInt64 = i % 100 == 0 ? 300 + UInt64(i % 1_700) : UInt64(i % 97)
            values.append(v)
            h.record(Int64(v))
        }
        #expect(h.storageWords <= LatencyHistogram.denseCap + LatencyHistogram.tailLimit)
        #expect(h.storageWords > LatencyHistogram.denseCap / 2, "dense")
        Self.expectSameAsHdr(h, values)
    }

    /// More distinct slow slots than the tail holds: the dense slots grow and take the tail in, and
    /// nothing is lost.
    @Test func aLongTailGrowsTheDenseSlots() {
        var h = LatencyHistogram()
        var values: [UInt64] = []
        for i in 0..<4_000 {
            let v: UInt64 = i % 10 == 0 ? 256 + UInt64(i) * 9 : UInt64(i % 50)
            values.append(v)
            h.record(Int64(v))
        }
        #expect(h.storageWords > LatencyHistogram.denseCap + LatencyHistogram.tailLimit)
        Self.expectSameAsHdr(h, values)
    }

    /// Merges between a histogram with a tail and dense, sparse and tailed ones are exact.
    @Test func mergesCarryTheTail() {
        func make(_ values: [UInt64]) -> LatencyHistogram {
            var h = LatencyHistogram()
            values.forEach { h.record(Int64($0)) }
            return h
        }
        let tailed: [UInt64] = (0..<2_000).map { (i: Int) -> UInt64 in UInt64(i % 100 == 0 ? 5_000 + i : i % 80) }
        let dense: [UInt64] = (0..<2_000).map { (i: Int) -> UInt64 in UInt64(i % 200) }
        let sparse: [UInt64] = [3, 700, 90_000]
        let wide: [UInt64] = (0..<2_000).map { (i: Int) -> UInt64 in UInt64(i % 10 == 0 ? 300 + i * 11 : i % 60) }
        let pairs: [([UInt64], [UInt64])] = [(tailed, dense), (dense, tailed), (tailed, sparse), (sparse, tailed),
                                             (tailed, tailed), (tailed, wide), (wide, tailed)]
        for (a, b) in pairs {
            var m = make(a)
            m.merge(make(b))
            Self.expectSameAsHdr(m, a + b)
        }
    }

    /// A batch whose values fall past the dense slots records them into the tail like single values.
    @Test func batchesReachTheTail() {
        var single = LatencyHistogram(), batched = LatencyHistogram()
        let batch: [UInt32] = (0..<300).map { UInt32($0 % 64) } + [400, 2_000, 7, 400, PendingValues.none, 900_000]
        for v in batch where v != PendingValues.none { single.record(Int64(v)) }
        batch.withUnsafeBufferPointer { batched.record(clamped: $0) }
        #expect(batched.summary == single.summary && batched.storageWords == single.storageWords)
        #expect(batched.storageWords < LatencyHistogram.denseCap + LatencyHistogram.tailLimit)
    }
}
