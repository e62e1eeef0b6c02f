/// Requests and errors per time bucket. Buckets are `bucketSeconds` wide (1 s, coarsened as the
/// covered span grows so the series stays bounded).
public struct Timeline: Sendable, Equatable {
    public var bucketSeconds: Int
    /// Epoch second of the first bucket.
    public var startSecond: Int64
    public var requests: [Int]
    public var errors: [Int]
    /// Records left out of the series: a few isolated outliers far from the rest (a line from years
    /// earlier); `Snapshot.timeRange` still spans them.
    public var outsideRange: Int
    public init(bucketSeconds: Int = 1, startSecond: Int64 = 0, requests: [Int] = [], errors: [Int] = [],
                outsideRange: Int = 0) {
        self.bucketSeconds = bucketSeconds; self.startSecond = startSecond
        self.requests = requests; self.errors = errors; self.outsideRange = outsideRange
    }
}
