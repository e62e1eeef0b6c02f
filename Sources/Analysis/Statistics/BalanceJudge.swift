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

    /// `hostCounts`: requests of each listed host; `shortfalls`: how much each of those counts may fall
    /// short of the truth (an approximate host table's per-key error bound; empty when exact); `pods`:
    /// per client pod with traffic to the cluster, its requests that named a host and the busiest
    /// host's share of them; `tcpShare`: the share of the cluster's records that are TCP connections.
    ///
    /// On an approximate table the statistics describe the listed counts, but `skewed` needs the skew
    /// to survive the shortfalls: it is judged again with every host raised by up to its shortfall
    /// towards the busiest host's count (`evenestCounts`). A window over trimmed buckets lists some
    /// hosts with counts missing, which alone looks skewed.
    static func judge(hostCounts: [Int], shortfalls: [Int] = [], pods: [(requests: Int, topShare: Double)],
                      tcpShare: Double) -> HostBalance {
        let b = judgeCounts(hostCounts, pods: pods, tcpShare: tcpShare)
        guard b.verdict == .skewed, shortfalls.contains(where: { $0 > 0 }) else { return b }
        let evenest = judgeCounts(evenestCounts(hostCounts, shortfalls: shortfalls), pods: pods, tcpShare: tcpShare)
        var robust = b
        robust.verdict = evenest.verdict == .skewed ? .skewed : .even
        return robust
    }

    /// The most even counts the shortfalls allow, approximately: each host raised by up to its
    /// shortfall, but not above the busiest host's listed count.
    static func evenestCounts(_ counts: [Int], shortfalls: [Int]) -> [Int] {
        let top = counts.max() ?? 0
        return counts.indices.map { i in
            let slack = i < shortfalls.count ? max(0, shortfalls[i]) : 0
            return max(counts[i], min(top, counts[i] &+ slack))
        }
    }

    private static func judgeCounts(_ hostCounts: [Int], pods: [(requests: Int, topShare: Double)],
                                    tcpShare: Double) -> HostBalance {
        // Sorted: the sums below then do not depend on the order the hosts were listed in (which
        // follows their admission to the host table), to the last bit.
        let counts = hostCounts.filter { $0 > 0 }.sorted()
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
