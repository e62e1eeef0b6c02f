/// Statistics of one upstream host within one cluster (a payload of the aggregator's host table,
/// keyed by the cluster's serial and the host).
struct HostAccumulator: KeyedPayload {
    /// The cluster the host belongs to.
    var cluster = KeyRef.none
    var requests = 0
    var errors = 0
    var bytesReceived: Int64 = 0
    var bytesSent: Int64 = 0
    var latency = LatencyHistogram()
    /// Keyed by flag bit + 1.
    var flags = RefCounter(capacity: 32)
    /// Keyed by `Signature.codeKey`.
    var codes = RefCounter(capacity: 64)
    /// Keyed by `Signature.grpcKey`.
    var grpcStatuses = RefCounter(capacity: 24)
    /// Requests per client pod.
    var pods: PodLinks

    init(limits: AggregatorLimits) { pods = PodLinks(limits: limits) }

    /// An empty accumulator whose pod links are not kept: evicted hosts folded together
    /// (`ClusterAccumulator.otherHost`).
    static var folded: HostAccumulator { HostAccumulator(pods: PodLinks(bound: 0)) }

    private init(pods: PodLinks) { self.pods = pods }

    /// True when a breakdown counter is at its bound (a new key would make it drop keys).
    var hasFullCounter: Bool { flags.isFull || codes.isFull || grpcStatuses.isFull }

    /// Counts `n` records of signature `s`.
    mutating func recordCounts(_ s: Signature, _ n: Int) {
        requests &+= n
        if s.isError { errors &+= n }
        codes.add(s.codeKey, n)
        if s.flags.rawValue != 0 { countFlags(s.flags, into: &flags, n) }
        if s.grpcStatus >= 0 { grpcStatuses.add(s.grpcKey, n) }
    }

    @inline(__always)
    mutating func recordValues(_ f: LineFacts) {
        bytesReceived &+= f.bytesReceived
        bytesSent &+= f.bytesSent
        latency.record(f.durationMs)
    }

    mutating func recordValues(_ v: PendingValues) {
        bytesReceived &+= v.bytesReceived
        bytesSent &+= v.bytesSent
        v.withDurations { latency.record(clamped: $0) }
    }

    /// Adds `o`'s statistics (its cluster reference is left as it is).
    mutating func absorb(_ o: HostAccumulator, remap: (UInt64) -> UInt64? = { $0 }) {
        requests &+= o.requests
        errors &+= o.errors
        bytesReceived &+= o.bytesReceived
        bytesSent &+= o.bytesSent
        latency.merge(o.latency)
        flags.merge(o.flags)
        codes.merge(o.codes)
        grpcStatuses.merge(o.grpcStatuses)
        pods.absorb(o.pods, remap: remap)
    }
}
