/// Statistics of one upstream host within one cluster.
struct HostAccumulator: Sendable {
    var requests = 0
    var errors = 0
    var latency = LatencyHistogram()
    /// Keyed by flag bit + 1.
    var flags = RefCounter(capacity: 32)
    /// Keyed by `Signature.codeKey`.
    var codes = RefCounter(capacity: 16)
    /// Keyed by `Signature.grpcKey`.
    var grpcStatuses = RefCounter(capacity: 24)

    /// Counts `n` records of signature `s`.
    mutating func recordCounts(_ s: Signature, _ n: Int) {
        requests &+= n
        if s.isError { errors &+= n }
        codes.add(s.codeKey, n)
        if s.flags.rawValue != 0 { countFlags(s.flags, into: &flags, n) }
        if s.grpcStatus >= 0 { grpcStatuses.add(s.grpcKey, n) }
    }

    mutating func absorb(_ o: HostAccumulator) {
        requests &+= o.requests
        errors &+= o.errors
        latency.merge(o.latency)
        flags.merge(o.flags)
        codes.merge(o.codes)
        grpcStatuses.merge(o.grpcStatuses)
    }
}
