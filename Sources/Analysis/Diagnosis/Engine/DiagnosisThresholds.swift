/// Every number a rule compares against, in one place (documented in `docs/diagnoses.md`).
///
/// Shares are fractions (0.05 = 5%). Comparisons are inclusive: a value exactly at a threshold
/// reaches it.
public struct DiagnosisThresholds: Sendable, Equatable {
    // MARK: Failures that reach clients (most flag rules)
    /// Critical when at least this share of a cluster's requests fail this way…
    var criticalShare = 0.05
    /// …and at least this many did (so 1 failure in 3 requests is not "critical").
    var criticalMinCount = 10
    /// Warning when at least this share fail and at least `warningMinCount` did…
    var warningShare = 0.005
    var warningMinCount = 5
    /// …or when at least this many failed and they are at least `warningCountMinShare` of the requests:
    /// a large absolute number matters, but a steady trace in a huge volume (0.02% of a million) does not.
    var warningCount = 20
    var warningCountMinShare = 0.001

    // MARK: Client cancellations (DC / DR): not an incident unless massive
    /// Below this count or this share nothing is reported.
    var cancelReportMinCount = 5
    var cancelReportMinShare = 0.001
    /// Warning (never critical) from this share, and from a count that grows with the traffic:
    /// at least max(`cancelWarningMinCount`, √requests) (5 in 25 requests, 20 in 400, 100 in 10,000),
    /// so a handful of cancels in a small capture is not yet a pattern.
    var cancelWarningShare = 0.05
    var cancelWarningMinCount = 5

    // MARK: Connection pinning
    /// A pod is pinned when at least this share of its requests to a cluster go to one host…
    var pinnedPodHostShare = 0.9
    /// …out of at least this many requests.
    var pinnedPodMinRequests = 20
    /// Pods that must be pinned for the per-pod signature.
    var pinnedPodsMin = 2
    /// Host-imbalance signature: normalised imbalance at least this (0 even … 1 all on one host)…
    var pinningImbalance = 0.6
    /// …on at least this many requests…
    var pinningMinRequests = 100
    /// …where at least this share is HTTP/2 or TCP (long-lived connections).
    var pinningLongLivedShare = 0.5

    // MARK: Protocol not detected
    /// TCP records must be at least this share of the cluster's records.
    var protocolTCPShare = 0.5
    /// Connections are "long" when the TCP p50 reaches this or the max reaches `protocolLongMaxMs`.
    var protocolLongP50Ms = 1_000
    var protocolLongMaxMs = 10_000
    /// Connections carry real traffic (a warning even when short) from this many bytes, both ways
    /// together, over all of the cluster's TCP records.
    var protocolRealTrafficBytes: Int64 = 64 * 1024

    // MARK: Hosts
    /// Failing host: the host holds at least this share of the cluster's errors…
    var failingHostErrorShare = 0.5
    /// …its own error rate is at least this…
    var failingHostMinErrorRate = 0.05
    /// …at least this multiple of the other hosts' rate…
    var failingHostRateRatio = 3.0
    /// …with at least this many errors on the cluster…
    var failingHostMinErrors = 10
    /// …and a host rate significantly above the others': two-proportion z statistic at least this
    /// (3 ≈ one-sided p 0.001), so 8 errors in 50 requests against 3 in 100 is not yet "one bad host".
    var failingHostMinZ = 3.0
    /// Slow host: at a percentile (p50, p90, p99) at least this multiple of the median of its
    /// siblings' same percentile…
    var slowHostRatio = 3.0
    /// …and at least this many milliseconds above it…
    var slowHostMinExtraMs = 25
    /// …where a percentile is only compared when every compared host has at least this many requests
    /// above it (p50 from 20 requests, p90 from 100, p99 from 1,000): a p99 over 40 requests is the
    /// maximum, one GC pause.
    var slowHostTailSamples = 10
    /// …and only on hosts whose failed, cancelled or fault-delayed requests are under this share of
    /// the requests above the percentile (p90: under 5%): else the percentile is where those land.
    var slowHostMaxTailFailureShare = 0.5

    // MARK: gRPC and retries
    /// Client-class gRPC statuses (NOT_FOUND, INVALID_ARGUMENT…) are reported (info) from this share.
    var grpcClientErrorInfoShare = 0.01
    /// gRPC requests needed before "status not logged" is reported (always info: it is advice).
    var grpcNotLoggedMinRequests = 10
    /// Retried create-like requests: warning from this count and this share of the method's
    /// requests (info below: one retry after a rare connect failure is no retry policy).
    var nonIdempotentRetriesWarningCount = 3
    var nonIdempotentRetriesWarningShare = 0.01

    // MARK: Mesh boundary
    /// Passthrough traffic is a warning from this share of all requests (and `warningCount` requests).
    var passthroughWarningShare = 0.05

    // MARK: Traffic split
    /// A subset deviates when |observed − expected| exceeds max(this many points, `splitSigmas` σ).
    var splitMinDeviationPoints = 5.0
    var splitSigmas = 3.0

    public init() {}
}
