import AccessLog
import Analysis

/// Words and numbers for how a cluster's requests spread over its upstream hosts and how exact a
/// table is, shared by the live view and the text report.
enum SpreadText {
    /// `even`, `skewed`, `pinned`, `single host`, `too few`.
    static func verdict(_ verdict: HostBalance.Verdict) -> String {
        switch verdict {
        case .even: "even"
        case .skewed: "skewed"
        case .pinned: "pinned"
        case .singleHost: "single host"
        case .tooFew: "too few"
        }
    }

    /// A χ² p-value: `0.41`, `0.004`, `<0.001`; `-` when there is none.
    static func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "-" }
        if p < 0.001 { return "<0.001" }
        return Format.fixed(p, decimals: p < 0.01 ? 3 : 2)
    }

    /// `even · 100 hosts · CV 0.02 · χ² p 0.41`, then `· 4 of 4 pods pinned` when client pods were
    /// judged; a pinned verdict without pinned pods comes from TCP traffic (balanced per connection).
    static func balance(_ b: HostBalance) -> String {
        var parts = [verdict(b.verdict)]
        if b.verdict == .singleHost { return parts[0] }
        parts.append(b.hosts == 1 ? "1 host" : Format.thousands(b.hosts) + " hosts")
        if b.hosts >= 2 {
            parts.append("CV " + Format.fixed(b.cv, decimals: 2))
            parts.append("χ² p " + pValue(b.pValue))
        }
        if b.judgedPods > 0 {
            parts.append("\(Format.thousands(b.pinnedPods)) of \(Format.thousands(b.judgedPods)) pods pinned")
        } else if b.verdict == .pinned {
            parts.append("TCP: balanced per connection")
        }
        return parts.joined(separator: " · ")
    }

    /// The named hosts with requests (the "other" bucket left out).
    static func namedHosts(_ cluster: ClusterStats) -> [HostStats] {
        cluster.hosts.filter { !$0.isOther && $0.requests > 0 }
    }

    /// Decimals that keep a share from reading as zero: 1 from 1 % up, 2 below, 3 below 0.1 %.
    static func decimals(for share: Double) -> Int {
        share >= 0.01 ? 1 : share >= 0.001 ? 2 : 3
    }

    /// `0.93–1.03`, `0.045–10.7` (or `1.0` when both ends read the same) as percentages, without
    /// the `%`: both ends with the decimals the quietest needs, each its own when they differ tenfold.
    static func shareRange(_ shares: [Double]) -> String {
        guard let low = shares.min(), let high = shares.max() else { return "-" }
        let same = high < 10 * low
        let lo = Format.fixed(low * 100, decimals: decimals(for: low))
        let hi = Format.fixed(high * 100, decimals: decimals(for: same ? low : high))
        return lo == hi ? hi : lo + "–" + hi
    }

    /// `≈` in front of a count from an approximate table.
    static func approx(_ text: String, _ approximate: Bool) -> String {
        approximate ? "≈" + text : text
    }
}
