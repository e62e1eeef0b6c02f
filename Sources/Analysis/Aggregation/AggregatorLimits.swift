/// Bounds on everything an `Aggregator` keeps, so its memory is bounded whatever the input.
///
/// Keys past a limit are handled by the top-K policy of `KeyTable` (the lightest half is folded into
/// an "other" bucket when a table is full). The heavy items are latency histograms (8 KiB each, made
/// on first use): at most `clusters × (2 + hostsPerCluster + 1) + 2 + methods + 1 + 30` of them, which
/// with the defaults is about 2,400 histograms ≈ 19 MiB in the worst case; typical logs (a few dozen
/// clusters and hosts) need well under 1 MiB. Add the line-key cache (`keyCacheEntries` × ~520 B ≈
/// 1 MiB, made on first use) and, in live mode, the recent-lines ring (`recentLineBytes`, 1 MiB).
public struct AggregatorLimits: Sendable, Equatable {
    /// Upstream clusters tracked (each with its own host table and two histograms).
    public var clusters: Int
    /// Upstream hosts tracked per cluster (each with a histogram).
    public var hostsPerCluster: Int
    /// gRPC methods / non-GET HTTP operations tracked (each with a histogram).
    public var methods: Int
    /// Normalised HTTP paths tracked.
    public var paths: Int
    /// Keys tracked per other string dimension: routes, authorities, code details, transport failure
    /// reasons, termination details, TCP destinations.
    public var keys: Int
    /// Client pods (from prefixes) tracked.
    public var sources: Int
    /// Entries per small breakdown (a cluster's details / methods / destinations, a flag's clusters /
    /// hosts / details, a pod's clusters and hosts, exact flag sets).
    public var breakdown: Int
    /// Recent access lines kept for drill-down (0 disables the ring).
    public var recentLines: Int
    /// Bytes of the recent-lines ring.
    public var recentLineBytes: Int
    /// Raw sample lines kept per response flag.
    public var samplesPerFlag: Int
    /// Malformed lines kept as samples.
    public var malformedSamples: Int
    /// Most buckets in the requests/errors timeline before the bucket width doubles.
    public var timelineBuckets: Int
    /// Longest key, in bytes; longer keys are cut.
    public var maxKeyLength: Int
    /// Entries of the cache that maps a line's key tuple to table entries (speed only; 0 disables it).
    /// Memory: about 520 bytes per entry.
    public var keyCacheEntries: Int

    public init(clusters: Int = 64, hostsPerCluster: Int = 32, methods: Int = 64, paths: Int = 256, keys: Int = 128,
                sources: Int = 64, breakdown: Int = 32, recentLines: Int = 2048, recentLineBytes: Int = 1 << 20,
                samplesPerFlag: Int = 5, malformedSamples: Int = 5, timelineBuckets: Int = 3600,
                maxKeyLength: Int = 256, keyCacheEntries: Int = 2048) {
        self.clusters = max(1, clusters)
        self.hostsPerCluster = max(1, hostsPerCluster)
        self.methods = max(1, methods)
        self.paths = max(1, paths)
        self.keys = max(1, keys)
        self.sources = max(1, sources)
        self.breakdown = max(2, breakdown)
        self.recentLines = max(0, recentLines)
        self.recentLineBytes = max(0, recentLineBytes)
        self.samplesPerFlag = max(0, samplesPerFlag)
        self.malformedSamples = max(0, malformedSamples)
        self.timelineBuckets = max(2, timelineBuckets)
        self.maxKeyLength = max(16, maxKeyLength)
        self.keyCacheEntries = max(0, keyCacheEntries)
    }

    /// Live mode: everything, including the recent-lines ring.
    public static let `default` = AggregatorLimits()

    /// One-shot report: no recent-lines ring (nothing to drill into), for maximum throughput.
    public static let report = AggregatorLimits(recentLines: 0, recentLineBytes: 0)
}
