/// The span of start times seen, first to last.
public struct TimeRange: Sendable, Equatable {
    /// Milliseconds since the Unix epoch.
    public var firstMs: Int64
    public var lastMs: Int64
    public init(firstMs: Int64, lastMs: Int64) { self.firstMs = firstMs; self.lastMs = lastMs }
    public var seconds: Double { Double(max(0, lastMs - firstMs)) / 1000 }
}
