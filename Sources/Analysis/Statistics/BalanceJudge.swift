/// Judges how a cluster's requests spread over its hosts (`HostBalance`), from the per-host counts,
/// the per-pod pinning counts and the protocol mix.
enum BalanceJudge {
    /// A pod counts as pinned when it sends at least this share of its requests to one host.
    static let pinnedShare = 0.9
    /// A pod is judged only with at least this many requests to the cluster.
    static let minPodRequests = 10
    /// Expected requests per host below which χ² says nothing.
    static let minExpectedPerHost = 5.0
    /// Skewed: χ² p below this and a coefficient of variation above `skewedCV`.
    static let skewedP = 0.01
    static let skewedCV = 0.1

    /// `hostCounts`: requests of each listed host; `pods`: per client pod with traffic to the cluster,
    /// its requests that named a host and the busiest host's share of them; `tcpShare`: the share of
    /// the cluster's records that are TCP connections.
    static func judge(hostCounts: [Int], pods: [(requests: Int, topShare: Double)], tcpShare: Double) -> HostBalance {
        let counts = hostCounts.filter { $0 > 0 }
        let judged = pods.filter { $0.requests >= minPodRequests }
        let pinned = judged.filter { $0.topShare >= pinnedShare }.count
        var b = HostBalance(hosts: counts.count, judgedPods: judged.count, pinnedPods: pinned)
        guard counts.count >= 2 else {
            b.verdict = counts.isEmpty ? .tooFew : .singleHost
            return b
        }
        b.cv = ChiSquare.coefficientOfVariation(counts)
        let (chi2, df) = ChiSquare.statistic(counts)
        b.pValue = ChiSquare.pValue(chi2: chi2, df: df)
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        if tcpShare > 0.5 || (pinned >= 2 && Double(pinned) >= 0.5 * Double(judged.count)) {
            b.verdict = .pinned
        } else if expected < minExpectedPerHost {
            b.verdict = .tooFew
        } else if (b.pValue ?? 1) < skewedP && b.cv > skewedCV {
            b.verdict = .skewed
        } else {
            b.verdict = .even
        }
        return b
    }
}
