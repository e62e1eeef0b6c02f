import Histogram

/// Millisecond latencies in an HdrHistogram (2 significant digits, 0 ms … 1 h), allocated on first
/// use. Memory: 2,048 `UInt32` counts = 8 KiB per histogram that has recorded a value.
///
/// Values above one hour are clamped to one hour (long TCP connections); negative values (absent) are
/// ignored. A histogram stops recording after `UInt32.max - 1` values so no bucket can wrap.
struct LatencyHistogram: Sendable {
    static let maxValueMs: UInt64 = 3_600_000
    private static let saturation = UInt64(UInt32.max) - 1

    private var histogram: Histogram<UInt32>?

    init() {}

    var count: Int { Int(histogram?.totalCount ?? 0) }

    @inline(__always)
    mutating func record(_ ms: Int64) {
        guard ms >= 0 else { return }
        let value = Swift.min(UInt64(ms), Self.maxValueMs)
        if histogram == nil { histogram = Self.make() }
        guard histogram!.totalCount < Self.saturation else { return }
        histogram!.record(value)
    }

    mutating func merge(_ other: LatencyHistogram) {
        guard let o = other.histogram, o.totalCount > 0 else { return }
        if histogram == nil { histogram = o; return }
        guard histogram!.totalCount + o.totalCount <= Self.saturation else { return }
        histogram!.add(o)
    }

    /// p50/p90/p99/max/mean in milliseconds.
    var summary: LatencySummary {
        guard let h = histogram, h.totalCount > 0 else { return LatencySummary() }
        return LatencySummary(count: Int(h.totalCount), p50: Int(h.valueAtPercentile(50)),
                              p90: Int(h.valueAtPercentile(90)), p99: Int(h.valueAtPercentile(99)),
                              max: Int(h.maxRecorded), mean: h.mean)
    }

    private static func make() -> Histogram<UInt32> {
        Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: maxValueMs,
                          numberOfSignificantValueDigits: .two)
    }
}
