/// Statistics of one gRPC method or non-GET HTTP operation.
struct MethodAccumulator: KeyedPayload {
    var isGRPC = false
    var requests = 0
    var errors = 0
    /// Keyed by `Signature.grpcKey`.
    var grpcStatuses = RefCounter(capacity: 24)
    var latency = LatencyHistogram()
    var retried = 0
    var maxAttempts = 0
    var clusters: RefCounter

    init(limits: AggregatorLimits) {
        clusters = RefCounter(capacity: limits.wideBreakdown)
    }

    /// True when a breakdown counter is at its bound (a new key would make it drop keys).
    var hasFullCounter: Bool { grpcStatuses.isFull || clusters.isFull }

    /// Counts `n` records of signature `s` sent to `cluster`.
    mutating func recordCounts(_ s: Signature, cluster: KeyRef, _ n: Int) {
        requests &+= n
        if s.isError { errors &+= n }
        if s.grpcStatus >= 0 { grpcStatuses.add(s.grpcKey, n) }
        if s.has(Signature.retried) { retried &+= n }
        if !cluster.isNone { clusters.add(cluster.raw, n) }
    }

    @inline(__always)
    mutating func recordValues(_ f: LineFacts) {
        latency.record(f.durationMs)
        if Int(f.attempts) > maxAttempts { maxAttempts = Int(f.attempts) }
    }

    /// Records a batch of lines' values (see `PendingValues`).
    mutating func recordValues(_ v: PendingValues) {
        v.withDurations { latency.record(clamped: $0) }
        if v.maxAttempts != Int32.min && Int(v.maxAttempts) > maxAttempts { maxAttempts = Int(v.maxAttempts) }
    }

    mutating func absorb(_ o: MethodAccumulator, remap: (UInt64) -> UInt64?) {
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
