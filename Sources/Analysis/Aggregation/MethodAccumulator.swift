/// Statistics of one gRPC method or non-GET HTTP operation.
struct MethodAccumulator: Sendable {
    var isGRPC = false
    var requests = 0
    var errors = 0
    /// Keyed by `LineFacts.grpcKey`.
    var grpcStatuses = RefCounter(capacity: 24)
    var latency = LatencyHistogram()
    var retried = 0
    var maxAttempts = 0
    var clusters: RefCounter

    init(isGRPC: Bool = false, limits: AggregatorLimits) {
        self.isGRPC = isGRPC
        clusters = RefCounter(capacity: limits.breakdown)
    }

    @inline(__always)
    mutating func record(_ f: LineFacts, cluster: KeyRef) {
        requests &+= 1
        if f.isError { errors &+= 1 }
        if f.grpcStatus >= 0 { grpcStatuses.add(f.grpcKey) }
        latency.record(f.durationMs)
        if f.attempts > 1 { retried &+= 1 }
        if Int(f.attempts) > maxAttempts { maxAttempts = Int(f.attempts) }
        if !cluster.isNone { clusters.add(cluster.raw) }
    }

    mutating func merge(_ o: MethodAccumulator, remap: (UInt64) -> UInt64?) {
        isGRPC = isGRPC || o.isGRPC
        requests &+= o.requests
        errors &+= o.errors
        grpcStatuses.merge(o.grpcStatuses)
        latency.merge(o.latency)
        retried &+= o.retried
        maxAttempts = max(maxAttempts, o.maxAttempts)
        clusters.merge(o.clusters, remap: remap)
    }
}
