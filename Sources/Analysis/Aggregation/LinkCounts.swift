/// Requests from one client pod to one cluster, or to one upstream host of a cluster: the payload of
/// the aggregator's pod-link tables, keyed by the two keys' serials.
struct LinkCounts: KeyedPayload {
    var pod = KeyRef.none
    /// A cluster (pod → cluster links) or a host (pod → host links).
    var target = KeyRef.none
    var requests = 0
    var errors = 0

    init(limits: AggregatorLimits) {}

    @inline(__always)
    mutating func record(isError: Bool) {
        requests &+= 1
        if isError { errors &+= 1 }
    }

    mutating func absorb(_ o: LinkCounts, remap: (UInt64) -> UInt64?) {
        requests &+= o.requests
        errors &+= o.errors
    }

    /// The 16-byte table key of a link: the pod's serial, then the target's.
    static func withKey<R>(pod: KeyRef, target: KeyRef, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var words = (pod.serial, target.serial)
        return withUnsafeBytes(of: &words) { body($0) }
    }
}
