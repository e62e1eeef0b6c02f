import Histogram

/// Millisecond latencies (0 ms … 1 h, values above clamped, negative ones ignored), summarised with
/// HdrHistogram.
///
/// Recording is the hot path, so values are counted directly into an array laid out exactly like an
/// `Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, .two)` — bucket
/// index `56 − lzcnt(v | 255)`, sub-bucket `v >> bucket` — a dozen instructions instead of a library
/// call. `summary` replays the counts into a real `Histogram` (one `record(_:count:)` per non-empty
/// bucket, at the bucket's lowest value, which is the same slot) and asks it for the percentiles, so
/// the numbers are HdrHistogram's (the top slot keeps the exact maximum, as a direct recording would). Memory: 2,048 `UInt32` = 8 KiB once a value is recorded.
struct LatencyHistogram: Sendable {
    static let maxValueMs: UInt64 = 3_600_000
    /// Counts slots: (bucketCount + 1) × 128 for 3,600,000 with 256 sub-buckets.
    static let slotCount = 2048
    private static let saturation = UInt64(UInt32.max) - 1

    private var counts: [UInt32] = []
    private(set) var count: UInt64 = 0
    /// Sum and maximum of the recorded (clamped) values.
    private var sum: UInt64 = 0
    private var maxValue: UInt64 = 0

    init() {}

    @inline(__always)
    mutating func record(_ ms: Int64) {
        guard ms >= 0, count < Self.saturation else { return }
        let value = Swift.min(UInt64(ms), Self.maxValueMs)
        if counts.isEmpty { counts = Array(repeating: 0, count: Self.slotCount) }
        counts.withUnsafeMutableBufferPointer { $0[Self.slot(value)] &+= 1 }
        count &+= 1
        sum &+= value
        if value > maxValue { maxValue = value }
    }

    /// Records a batch of values already clamped to `maxValueMs` (`PendingValues.none` entries are
    /// skipped): exactly what `record(_:)` of each would do, with one uniqueness check for the batch.
    mutating func record(clamped values: UnsafeBufferPointer<UInt32>) {
        if counts.isEmpty {
            // Allocated on the first recorded value, as `record(_:)` does.
            guard values.contains(where: { $0 != PendingValues.none }) else { return }
            counts = Array(repeating: 0, count: Self.slotCount)
        }
        var count = count, sum = sum, maxValue = maxValue
        // Far from saturation (always, in practice) the per-value check is not needed.
        let unsaturated = count &+ UInt64(values.count) < Self.saturation
        counts.withUnsafeMutableBufferPointer { c in
            for v32 in values {
                guard v32 != PendingValues.none && (unsaturated || count < Self.saturation) else { continue }
                let value = UInt64(v32)
                c[Self.slot(value)] &+= 1
                count &+= 1
                sum &+= value
                if value > maxValue { maxValue = value }
            }
        }
        self.count = count
        self.sum = sum
        self.maxValue = maxValue
    }

    /// HdrHistogram's counts index for `value` (unit magnitude 0, sub-bucket half count 128).
    @inline(__always)
    static func slot(_ value: UInt64) -> Int {
        let bucket = 56 &- (value | 255).leadingZeroBitCount
        let subBucket = Int(truncatingIfNeeded: value >> UInt64(bucket))
        return ((bucket &+ 1) << 7) &+ subBucket &- 128
    }

    /// The lowest value that falls in counts slot `i` (inverse of `slot`).
    static func lowestValue(ofSlot i: Int) -> UInt64 {
        var bucket = (i >> 7) &- 1
        var subBucket = (i & 127) &+ 128
        if bucket < 0 { subBucket &-= 128; bucket = 0 }
        return UInt64(subBucket) << UInt64(bucket)
    }

    mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0, count + other.count <= Self.saturation else { return }
        if count == 0 { self = other; return }
        counts.withUnsafeMutableBufferPointer { dst in
            other.counts.withUnsafeBufferPointer { src in
                for i in 0..<Self.slotCount where src[i] != 0 { dst[i] &+= src[i] }
            }
        }
        count &+= other.count
        sum &+= other.sum
        maxValue = Swift.max(maxValue, other.maxValue)
    }

    /// p50/p90/p99 (HdrHistogram), exact max and mean, in milliseconds.
    var summary: LatencySummary {
        guard count > 0 else { return LatencySummary() }
        var h = Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: Self.maxValueMs,
                                  numberOfSignificantValueDigits: .two)
        let maxSlot = Self.slot(maxValue)
        for i in 0..<Self.slotCount where counts[i] != 0 {
            // One value of the top slot is the true maximum, so HdrHistogram clamps as it would.
            let n = i == maxSlot ? counts[i] - 1 : counts[i]
            if n > 0 { h.record(Self.lowestValue(ofSlot: i), count: n) }
        }
        h.record(maxValue)
        return LatencySummary(count: Int(count), p50: Int(h.valueAtPercentile(50)), p90: Int(h.valueAtPercentile(90)),
                              p99: Int(h.valueAtPercentile(99)), max: Int(maxValue), mean: Double(sum) / Double(count))
    }
}
