/// Keys per dimension that `AggregatorLimits` bounds: how many an aggregator holds (`Aggregator.keyLoad`)
/// or, as a budget, how many it may hold. The live view shares one budget out among its sealed
/// time-window buckets (`LiveBuckets`).
struct KeyLoad: Sendable, Equatable {
    var clusters = 0
    /// (cluster, upstream host) pairs.
    var hosts = 0
    var methods = 0
    var paths = 0
    /// The fullest of the string tables bounded by `AggregatorLimits.keys` (routes, authorities, …).
    var keys = 0
    var sources = 0
    /// The larger of the (pod, cluster) and (pod, host) link counts.
    var podLinks = 0
    var cancelKeys = 0

    static var dimensions: [WritableKeyPath<KeyLoad, Int>] {
        [\.clusters, \.hosts, \.methods, \.paths, \.keys, \.sources, \.podLinks, \.cancelKeys]
    }

    init() {}

    /// `n` in every dimension.
    init(uniform n: Int) {
        for d in Self.dimensions { self[keyPath: d] = n }
    }

    /// What a trimmed live bucket keeps at least per table (`LiveBuckets`): the oldest buckets keep
    /// their heaviest keys even when the budget is spent.
    static let trimFloor = 16

    /// The key bounds of `limits`.
    init(bounds l: AggregatorLimits) {
        clusters = l.clusters; hosts = l.hosts; methods = l.methods; paths = l.paths
        keys = l.keys; sources = l.sources; podLinks = l.podLinks; cancelKeys = l.cancelKeys
    }

    /// Every dimension of `self` and `other` combined by `op`.
    func combined(with other: KeyLoad, _ op: (Int, Int) -> Int) -> KeyLoad {
        var r = KeyLoad()
        for d in Self.dimensions { r[keyPath: d] = op(self[keyPath: d], other[keyPath: d]) }
        return r
    }

    /// True when no dimension exceeds `budget`'s.
    func fits(in budget: KeyLoad) -> Bool {
        Self.dimensions.allSatisfy { self[keyPath: $0] <= budget[keyPath: $0] }
    }

    /// `limits` with these counts as its key bounds.
    func asBounds(of limits: AggregatorLimits) -> AggregatorLimits {
        var l = limits
        l.clusters = clusters; l.hosts = hosts; l.methods = methods; l.paths = paths
        l.keys = keys; l.sources = sources; l.podLinks = podLinks; l.cancelKeys = cancelKeys
        return l
    }
}

extension Aggregator {
    /// The keys this aggregator holds, per bounded dimension. Read it after `flushPendingKeyCounts()`:
    /// waiting lines and pod links may still admit keys.
    var keyLoad: KeyLoad {
        var l = KeyLoad()
        l.clusters = clusters.liveCount
        l.hosts = hosts.liveCount
        l.methods = methods.liveCount
        l.paths = paths.liveCount
        l.keys = [details, transportFailures, terminations, routes, authorities, tcpDestinations].map(\.liveCount).max() ?? 0
        l.sources = sources.liveCount
        l.podLinks = max(podClusterLinks, podHostLinks)
        l.cancelKeys = cancels.entries.count
        return l
    }
}
