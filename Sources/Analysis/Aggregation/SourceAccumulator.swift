/// Statistics of one client pod (from a kubectl/stern prefix).
struct SourceAccumulator: Sendable {
    var requests = 0
    var errors = 0
    /// Requests per cluster (`KeyRef` of the cluster).
    var clusters: RefCounter
    /// Requests per upstream host (`KeyRef` of the host inside its cluster).
    var hosts: RefCounter

    init(limits: AggregatorLimits) {
        clusters = RefCounter(capacity: limits.breakdown)
        hosts = RefCounter(capacity: limits.breakdown * 4)
    }

    @inline(__always)
    mutating func record(isError: Bool, cluster: KeyRef, host: KeyRef) {
        requests &+= 1
        if isError { errors &+= 1 }
        if !cluster.isNone { clusters.add(cluster.raw) }
        if !host.isNone { hosts.add(host.raw) }
    }

    mutating func merge(_ o: SourceAccumulator, remap: (UInt64) -> UInt64?) {
        requests &+= o.requests
        errors &+= o.errors
        clusters.merge(o.clusters, remap: remap)
        hosts.merge(o.hosts, remap: remap)
    }
}
