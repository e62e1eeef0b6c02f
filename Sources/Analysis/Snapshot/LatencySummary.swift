/// Latency percentiles in milliseconds (from an HdrHistogram). `count == 0` means no values.
public struct LatencySummary: Sendable, Equatable {
    public var count: Int
    public var p50: Int
    public var p90: Int
    public var p99: Int
    public var max: Int
    public var mean: Double
    public init(count: Int = 0, p50: Int = 0, p90: Int = 0, p99: Int = 0, max: Int = 0, mean: Double = 0) {
        self.count = count; self.p50 = p50; self.p90 = p90; self.p99 = p99; self.max = max; self.mean = mean
    }
}
