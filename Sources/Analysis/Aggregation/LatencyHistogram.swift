import Histogram

/// Millisecond latencies in an HdrHistogram (2 significant digits, 0 ms … 1 h), allocated on first
/// use (until then every instance shares one tiny empty histogram). Memory: 2,048 `UInt32` counts =
/// 8 KiB per histogram that has recorded a value.
///
/// Values above one hour are clamped to one hour (long TCP connections); negative values (absent) are
/// ignored. A histogram stops recording after `UInt32.max - 1` values so no bucket can wrap.
struct LatencyHistogram: Sendable {
    static let maxValueMs: UInt64 = 3_600_000
    private static let saturation = UInt64(UInt32.max) - 1

    /// Not Optional on purpose: mutating through `Optional` copies the histogram out and back.
    private var histogram: Histogram<UInt32>
    private var allocated = false
    /// Sum of the recorded (clamped) values, for an exact mean without iterating the histogram.
    private var sum: UInt64 = 0
    /// Shared by every histogram that has not recorded anything yet (no allocation per instance).
    private static let placeholder = Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: 2,
                                                       numberOfSignificantValueDigits: .one)

    init() { histogram = Self.placeholder }

    var count: Int { allocated ? Int(histogram.totalCount) : 0 }

    @inline(__always)
    mutating func record(_ ms: Int64) {
        guard ms >= 0 else { return }
        let value = Swift.min(UInt64(ms), Self.maxValueMs)
        if !allocated { histogram = Self.make(); allocated = true }
        guard histogram.totalCount < Self.saturation else { return }
        histogram.record(value)
        sum &+= value
    }

    mutating func merge(_ other: LatencyHistogram) {
        guard other.allocated, other.histogram.totalCount > 0 else { return }
        if !allocated { self = other; return }
        guard histogram.totalCount + other.histogram.totalCount <= Self.saturation else { return }
        histogram.add(other.histogram)
        sum &+= other.sum
    }

    /// p50/p90/p99/max/mean in milliseconds.
    var summary: LatencySummary {
        let h = histogram
        guard allocated, h.totalCount > 0 else { return LatencySummary() }
        return LatencySummary(count: Int(h.totalCount), p50: Int(h.valueAtPercentile(50)),
                              p90: Int(h.valueAtPercentile(90)), p99: Int(h.valueAtPercentile(99)),
                              max: Int(h.maxRecorded), mean: Double(sum) / Double(h.totalCount))
    }

    private static func make() -> Histogram<UInt32> {
        Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: maxValueMs,
                          numberOfSignificantValueDigits: .two)
    }
}
