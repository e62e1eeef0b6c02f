/// Statistics of one upstream host within one cluster.
struct HostAccumulator: Sendable {
    var requests = 0
    var errors = 0
    var latency = LatencyHistogram()
    /// Keyed by flag bit + 1.
    var flags = RefCounter(capacity: 32)
    /// Keyed by `LineFacts.codeKey`.
    var codes = RefCounter(capacity: 16)
    /// Keyed by `LineFacts.grpcKey`.
    var grpcStatuses = RefCounter(capacity: 24)

    @inline(__always)
    mutating func record(_ f: LineFacts) {
        requests &+= 1
        if f.isError { errors &+= 1 }
        latency.record(f.durationMs)
        codes.add(f.codeKey)
        if f.flags.rawValue != 0 { countFlags(f.flags, into: &flags) }
        if f.grpcStatus >= 0 { grpcStatuses.add(f.grpcKey) }
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
