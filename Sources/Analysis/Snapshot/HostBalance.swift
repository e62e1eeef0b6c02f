/// How evenly a cluster's requests spread over its upstream hosts: the verdict and the statistics it
/// rests on (see docs/diagnoses.md, "Balance").
public struct HostBalance: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        /// Consistent with an even spread (χ² not significant, or the hosts differ by little).
        case even
        /// Significantly uneven: χ² p < 0.01 and a coefficient of variation above 0.1.
        case skewed
        /// Client pods stick to one host each (per-pod links), or the traffic is opaque TCP
        /// connections (balanced per connection, never per request).
        case pinned
        /// One upstream host: nothing to balance.
        case singleHost = "single-host"
        /// Too few requests per host for the test (fewer than 5 expected per host).
        case tooFew = "too-few"
    }

    /// Hosts with requests (the listed ones; an "other" bucket is left out).
    public var hosts: Int
    /// Coefficient of variation of the per-host request counts (standard deviation / mean).
    public var cv: Double
    /// χ² goodness-of-fit p-value against an even spread (nil with fewer than two hosts).
    public var pValue: Double?
    /// Client pods that sent enough requests to this cluster to judge, and those that sent ≥ 90 % to one host.
    public var judgedPods: Int
    public var pinnedPods: Int
    public var verdict: Verdict

    public init(hosts: Int = 0, cv: Double = 0, pValue: Double? = nil, judgedPods: Int = 0, pinnedPods: Int = 0,
                verdict: Verdict = .tooFew) {
        self.hosts = hosts; self.cv = cv; self.pValue = pValue; self.judgedPods = judgedPods
        self.pinnedPods = pinnedPods; self.verdict = verdict
    }
}
