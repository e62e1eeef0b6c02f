/// Requests (and errors) from each client pod to one cluster, or to one upstream host: kept inside the
/// cluster's and the host's payload, keyed by the pod's `KeyRef`, so counting a line's pod costs one
/// probe in a small array that the line's cluster or host already brought into cache.
///
/// The aggregator bounds the links of all clusters (and, separately, of all hosts) together
/// (`AggregatorLimits.podLinks`): past the bound a new pod is counted in `other` of the link it
/// would have made, and the snapshot says the pod tables are approximate.
struct PodLinks: Sendable {
    var requests: RefCounter
    var errors: RefCounter

    init(limits: AggregatorLimits) { self.init(bound: limits.sources) }

    /// Links to at most `bound` pods (`AggregatorLimits.sources`).
    init(bound: Int) {
        requests = RefCounter(capacity: bound)
        errors = RefCounter(capacity: bound)
    }

    var count: Int { requests.liveCount }

    /// Counts one request of `pod`; returns the change in live links.
    @inline(__always)
    mutating func record(_ pod: KeyRef, isError: Bool, admitNew: Bool) -> Int {
        let delta = requests.add(pod.raw, 1, admitNew: admitNew)
        if isError { _ = errors.add(pod.raw, 1, admitNew: admitNew) }
        return delta
    }

    /// Counts `n` requests of `pod`, or (`isErrors`) `n` errors among its requests (counted
    /// separately); returns the change in live links.
    mutating func record(_ pod: KeyRef, _ n: Int, isErrors: Bool, admitNew: Bool) -> Int {
        if isErrors {
            _ = errors.add(pod.raw, n, admitNew: admitNew)
            return 0
        }
        return requests.add(pod.raw, n, admitNew: admitNew)
    }

    /// Hints the CPU to bring the entry that `pod`'s request count is (or would be) kept in.
    /// (`mutating` only so that a call through a payload pointer reads in place instead of copying.)
    @inline(__always)
    mutating func prefetchEntry(for pod: KeyRef) { requests.prefetchEntry(for: pod.raw) }

    /// Adds `o`'s links, mapping pod references through `remap` (nil: the pod is gone, counted as other).
    mutating func absorb(_ o: PodLinks, remap: (UInt64) -> UInt64?) {
        requests.merge(o.requests, remap: remap)
        errors.merge(o.errors, remap: remap)
    }

    /// Keeps at most `maxLive` links.
    mutating func shrink(toAtMost maxLive: Int) {
        requests.shrink(toAtMost: maxLive)
        errors.shrink(toAtMost: maxLive)
    }
}
