import AccessLog
import Analysis

/// Cluster rows for the dashboard: name, requests, error share, p50/p99 and how requests spread over
/// the upstream hosts. Up to `barHosts` hosts: a stacked bar (one segment per host, so pinning shows
/// as one long segment), then the host count and the busiest host's share. More hosts: the balance
/// verdict, the host count and the quietest–busiest share. The "other clusters" row stays last.
enum ClusterRows {
    /// Most hosts drawn as bar segments; beyond this the spread is summarised in words and numbers.
    static let barHosts = 8

    static func sorted(_ clusters: [ClusterStats], by sort: SortMode) -> [ClusterStats] {
        let named = clusters.filter { !$0.isOther }, other = clusters.filter(\.isOther)
        switch sort {
        case .count: return clusters
        case .errors:
            return named.sorted { $0.errors != $1.errors ? $0.errors > $1.errors : $0.requests > $1.requests } + other
        case .p99:
            return named.sorted {
                $0.latency.p99 != $1.latency.p99 ? $0.latency.p99 > $1.latency.p99 : $0.requests > $1.requests
            } + other
        }
    }

    static func panel(_ clusters: [ClusterStats], total: Int, requests: Int, accuracy: TableAccuracy, sort: SortMode,
                      rect: Rect, visible: Range<Int>? = nil) -> PanelModel {
        let inner = max(0, rect.cols - 2)
        let barWidth = inner >= 100 ? 24 : inner >= 70 ? 12 : max(4, inner / 8)
        let fixed = 1 + 7 + 7 + 7 + 7 + 2 + barWidth + 9
        let nameWidth = max(8, inner - fixed)
        // Thousands of clusters scroll: rows off screen carry only their target (never drawn).
        let rows = clusters.indices.map { index -> ModelRow in
            let cluster = clusters[index]
            guard visible?.contains(index) ?? true else { return ModelRow([], target: .cluster(cluster.name.name)) }
            return ModelRow([TextSpan(" "), TextSpan(label(cluster, requests: requests), cluster.isOther ? .muted : .plain, width: nameWidth),
                      TextSpan(count(cluster.requests, approximate: accuracy.approximate), width: 7, align: .right),
                      TextSpan(Format.percent(cluster.errors, of: cluster.requests), StatusStyle.errorStyle(cluster.errors, of: cluster.requests),
                               width: 7, align: .right),
                      TextSpan(LiveLabels.latency(cluster.latency.p50, count: cluster.latency.count), width: 7, align: .right),
                      TextSpan(LiveLabels.latency(cluster.latency.p99, count: cluster.latency.count), width: 7, align: .right),
                      TextSpan("  ")] + spread(cluster, barWidth: barWidth),
                     target: .cluster(cluster.name.name))
        }
        let sortMark: (SortMode) -> String = { $0 == sort ? "▾" : "" }
        let columns = ModelRow([TextSpan(" "), TextSpan("CLUSTER", width: nameWidth),
                                TextSpan("REQ" + sortMark(.count), width: 7, align: .right),
                                TextSpan("ERR" + sortMark(.errors), width: 7, align: .right),
                                TextSpan("P50", width: 7, align: .right),
                                TextSpan("P99" + sortMark(.p99), width: 7, align: .right),
                                TextSpan("  "), TextSpan("HOSTS", width: barWidth + 9)])
        var title = DashboardModel.title("Clusters", shown: clusters.count, total: total)
        if accuracy.approximate { title += " ≈ other " + Format.percent(accuracy.otherShare) }
        return PanelModel(title: title, columns: columns,
                          rows: rows, empty: total == 0 ? "no upstream clusters yet" : "no cluster matches the filter",
                          rect: rect)
    }

    /// The cluster's label; the "other" row says what it holds and its share of all requests.
    static func label(_ cluster: ClusterStats, requests: Int) -> String {
        guard cluster.isOther else { return LiveLabels.clusterLabel(cluster.name) }
        return "≈ other clusters " + Format.percent(cluster.requests, of: requests)
    }

    /// The HOSTS column (`barWidth + 9` columns): a bar and `3h 66%` for a few hosts, the spread
    /// summary for many.
    static func spread(_ cluster: ClusterStats, barWidth: Int) -> [TextSpan] {
        let named = SpreadText.namedHosts(cluster)
        if named.count > barHosts { return spreadSummary(cluster, named: named, width: barWidth + 9) }
        return hostBar(cluster.hosts, width: barWidth) + [hostSummary(cluster)]
    }

    /// `even · 120 hosts · 0.7–1.1%`, shortened to fit: the verdict word first (coloured), the host
    /// count, then the quietest–busiest host share; `≈` first when the host table is approximate.
    static func spreadSummary(_ cluster: ClusterStats, named: [HostStats], width: Int) -> [TextSpan] {
        let word = SpreadText.verdict(cluster.balance.verdict)
        let mark = cluster.hostTable.approximate ? "≈" : ""
        let n = Format.thousands(named.count)
        let range = SpreadText.shareRange(named.map(\.share)) + "%"
        let top = Format.percent(named.map(\.share).max() ?? 0, decimals: 0)
        let candidates = [
            " · \(n) hosts · \(range)", " \(n)h \(range)", " \(n)h ≤\(top)", " \(n)h", "",
        ]
        let wordWidth = mark.count + word.count
        let rest = candidates.first { wordWidth + CharacterWidth.columns(of: $0) <= width } ?? ""
        return [TextSpan(mark + word, verdictStyle(cluster.balance.verdict)),
                TextSpan(rest, .muted, width: max(0, width - wordWidth))]
    }

    static func verdictStyle(_ verdict: HostBalance.Verdict) -> Style {
        switch verdict {
        case .even: Style(.ok)
        case .skewed: Style(.warning)
        case .pinned: Style(.warning, .bold)
        case .singleHost, .tooFew: .muted
        }
    }

    /// `1,234` when it fits in 7 columns, else `1.2M`; `≈` first from an approximate table.
    static func count(_ n: Int, approximate: Bool = false) -> String {
        let text = Format.thousands(n)
        let fitted = text.count <= (approximate ? 5 : 6) ? text : Format.compact(n)
        return SpreadText.approx(fitted, approximate)
    }

    /// `  3h  66%`: hosts and the busiest one's share (9 columns).
    static func hostSummary(_ cluster: ClusterStats) -> TextSpan {
        let hosts = SpreadText.namedHosts(cluster)
        guard let top = hosts.map(\.share).max() else { return TextSpan("", width: 9) }
        let pinned = hosts.count > 1 && top >= 0.9
        let text = (cluster.hostTable.approximate ? "≈" : "") + "\(hosts.count)h " + Format.percent(top, decimals: 0)
        return TextSpan(text, pinned ? Style(.warning, .bold) : .muted, width: 9, align: .right)
    }

    /// Segments proportional to each host's share (largest remainder), alternating `█` and `▒`;
    /// every host with requests gets at least one column while there is room.
    static func hostBar(_ hosts: [HostStats], width: Int) -> [TextSpan] {
        let shares = hosts.filter { $0.requests > 0 }.map(\.share)
        let total = shares.reduce(0, +)
        guard width > 0, total > 0 else { return [TextSpan("", width: width)] }
        var cols = shares.map { Int(($0 / total * Double(width)).rounded(.down)) }
        var left = width - cols.reduce(0, +)
        for i in cols.indices where cols[i] == 0 && left > 0 { cols[i] = 1; left -= 1 }
        let order = shares.indices.sorted {
            let a = shares[$0] / total * Double(width) - Double(cols[$0])
            let b = shares[$1] / total * Double(width) - Double(cols[$1])
            return a > b
        }
        for i in order where left > 0 { cols[i] += 1; left -= 1 }
        while cols.reduce(0, +) > width, let i = cols.indices.max(by: { cols[$0] < cols[$1] }) { cols[i] -= 1 }
        var spans: [TextSpan] = []
        for (i, n) in cols.enumerated() where n > 0 {
            let even = i % 2 == 0
            spans.append(TextSpan(String(repeating: even ? "█" : "▒", count: n), even ? Style(.accent) : Style(.info)))
        }
        let used = cols.reduce(0, +)
        if used < width { spans.append(TextSpan(String(repeating: " ", count: width - used))) }
        return spans
    }
}
