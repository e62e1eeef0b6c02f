/// Statistics of one client pod (from a kubectl/stern prefix or a kubelet log path). Where its
/// requests went is kept in the clusters' and hosts' `PodLinks`.
struct SourceAccumulator: KeyedPayload {
    var requests = 0
    var errors = 0

    init(limits: AggregatorLimits) {}

    @inline(__always)
    mutating func record(isError: Bool) {
        requests &+= 1
        if isError { errors &+= 1 }
    }

    mutating func absorb(_ o: SourceAccumulator, remap: (UInt64) -> UInt64?) {
        requests &+= o.requests
        errors &+= o.errors
    }
}
