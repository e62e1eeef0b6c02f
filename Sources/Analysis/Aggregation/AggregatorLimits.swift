/// Bounds on everything an `Aggregator` keeps, so its memory is bounded whatever the input.
///
/// Up to these bounds every count is exact (clusters, hosts, pods and their links are never evicted);
/// past a bound the table keeps its heaviest keys (`KeyTable`'s top-K policy), folds the rest into an
/// "other" bucket and says so (`isApproximate`, an error bound). The defaults are far above real meshes:
/// 10,000 clusters, 100,000 (cluster, host) pairs in all (so one cluster may have up to 100,000 hosts),
/// 5,000 client pods, 200,000 (pod, cluster) and 200,000 (pod, cluster, host) links, all at the same
/// time. Memory follows what is actually seen (tables, counters and latency histograms grow with their
/// keys; see docs/performance.md for the per-key costs and the worst case).
public struct AggregatorLimits: Sendable, Equatable {
    /// Upstream clusters tracked exactly.
    public var clusters: Int
    /// (cluster, upstream host) pairs tracked exactly, over all clusters.
    public var hosts: Int
    /// gRPC methods / non-GET HTTP operations tracked (each with a histogram).
    public var methods: Int
    /// Normalised HTTP paths tracked (unbounded by nature: ids, so a top-K).
    public var paths: Int
    /// Keys tracked per other string dimension: routes, authorities, code details, transport failure
    /// reasons, termination details, TCP destinations.
    public var keys: Int
    /// Client pods (from prefixes or kubelet paths) tracked exactly.
    public var sources: Int
    /// (client pod, cluster) links, and separately (client pod, upstream host) links, tracked exactly.
    public var podLinks: Int
    /// Entries per small breakdown (a cluster's details / methods / destinations, a flag's details,
    /// exact flag sets).
    var breakdown: Int
    /// Recent access lines kept for drill-down (0 disables the ring).
    public var recentLines: Int
    /// Bytes of the recent-lines ring.
    var recentLineBytes: Int
    /// Raw sample lines kept per response flag.
    var samplesPerFlag: Int
    /// Malformed lines kept as samples.
    public var malformedSamples: Int
    /// Most buckets in the requests/errors timeline before the bucket width doubles.
    var timelineBuckets: Int
    /// Longest key, in bytes; longer keys are cut.
    var maxKeyLength: Int
    /// Most entries of the cache that maps a line's key tuple to table entries (speed only; 0 disables
    /// it). It starts with 2,048 and doubles while its entries keep being replaced. Memory: 448 bytes
    /// per entry (`LineKeyCacheLayout.stride`), so at most 14 MiB by default.
    var keyCacheEntries: Int
    /// Unpaired DR/DC records kept to pair a cancel logged by two sidecars (`CancelCorrelator`); only
    /// what is still unpaired stays, so this bounds the pairing's memory (about 80 bytes a key).
    var cancelKeys: Int

    public init(clusters: Int = 10_000, hosts: Int = 100_000, methods: Int = 2_000, paths: Int = 1_000,
                keys: Int = 1_000, sources: Int = 5_000, podLinks: Int = 200_000, breakdown: Int = 32,
                recentLines: Int = 2048, recentLineBytes: Int = 1 << 20, samplesPerFlag: Int = 5,
                malformedSamples: Int = 5, timelineBuckets: Int = 3600, maxKeyLength: Int = 256,
                keyCacheEntries: Int = 32768, cancelKeys: Int = 4096) {
        self.clusters = max(1, clusters)
        self.hosts = max(1, hosts)
        self.methods = max(1, methods)
        self.paths = max(1, paths)
        self.keys = max(1, keys)
        self.sources = max(1, sources)
        self.podLinks = max(1, podLinks)
        self.breakdown = max(2, breakdown)
        self.recentLines = max(0, recentLines)
        self.recentLineBytes = max(0, recentLineBytes)
        self.samplesPerFlag = max(0, samplesPerFlag)
        self.malformedSamples = max(0, malformedSamples)
        self.timelineBuckets = max(2, timelineBuckets)
        self.maxKeyLength = max(16, maxKeyLength)
        self.keyCacheEntries = max(0, keyCacheEntries)
        self.cancelKeys = max(1, cancelKeys)
    }

    /// Live mode: everything, including the recent-lines ring.
    public static let `default` = AggregatorLimits()

    /// One-shot report: no recent-lines ring (nothing to drill into), for maximum throughput.
    public static let report = AggregatorLimits(recentLines: 0, recentLineBytes: 0)

    /// The same limits without the line-key cache (an aggregator that is only merged and read).
    var withoutKeyCache: AggregatorLimits {
        var l = self
        l.keyCacheEntries = 0
        return l
    }

    /// Capacity of the breakdowns that span many clusters or hosts at mesh scale — a response flag's
    /// clusters and hosts, a method's clusters, a cluster's operations — where `breakdown` would be
    /// reached routinely (and reaching any bound makes the key cache flush before every uncached
    /// line). Memory follows the keys seen, not this bound.
    var wideBreakdown: Int { narrowBreakdowns ? breakdown : min(4096, max(breakdown, hosts)) }

    /// True for the payloads of evicted keys ("other"), whose breakdowns all stay at `breakdown`.
    var narrowBreakdowns = false

    /// These limits with every breakdown at `breakdown` (for "other" payloads).
    var withNarrowBreakdowns: AggregatorLimits {
        var l = self
        l.narrowBreakdowns = true
        return l
    }
}
