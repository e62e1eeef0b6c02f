/// Requests (and errors) from each client pod to one cluster, or to one upstream host: kept inside the
/// cluster's and the host's payload, keyed by the pod's `KeyRef`, so counting a line's pod costs one
/// probe in a small array that the line's cluster or host already brought into cache.
///
/// The aggregator bounds the links of all clusters (and, separately, of all hosts) together
/// (`AggregatorLimits.podLinks`): past the bound a new pod is counted in `other` of the link it
/// would have made, and the snapshot says the pod tables are approximate.
///
/// The payloads that gather evicted keys — a table's "other", a cluster's "other hosts" — keep no
/// links (`isKept` false): no view lists the pods of what was evicted, and past the bounds each
/// eviction would otherwise fold its links into a set of thousands that keeps pruning.
struct PodLinks: Sendable {
    var requests: RefCounter
    var errors: RefCounter
    /// False for links that are not kept (`absorb` drops what it is given).
    let isKept: Bool

    /// Links to at most `limits.sources` pods; none (not kept) for the "other" payload of a table
    /// (`AggregatorLimits.narrowBreakdowns`).
    init(limits: AggregatorLimits) { self.init(bound: limits.narrowBreakdowns ? 0 : limits.sources) }

    /// Links to at most `bound` pods (`AggregatorLimits.sources`); 0: links are not kept.
    init(bound: Int) {
        isKept = bound > 0
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
        guard isKept else { return }
        requests.merge(o.requests, remap: remap)
        errors.merge(o.errors, remap: remap)
    }

    /// Keeps at most `maxLive` links.
    mutating func shrink(toAtMost maxLive: Int) {
        requests.shrink(toAtMost: maxLive)
        errors.shrink(toAtMost: maxLive)
    }
}
