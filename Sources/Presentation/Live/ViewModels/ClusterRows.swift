import AccessLog
import Analysis

/// Cluster rows for the dashboard: name, requests, error share, p50/p99 and a stacked bar of how
/// requests spread over the upstream hosts (one segment per host, so pinning shows as one long
/// segment), then the host count and the busiest host's share.
enum ClusterRows {
    static func sorted(_ clusters: [ClusterStats], by sort: SortMode) -> [ClusterStats] {
        switch sort {
        case .count: return clusters
        case .errors:
            return clusters.sorted { $0.errors != $1.errors ? $0.errors > $1.errors : $0.requests > $1.requests }
        case .p99:
            return clusters.sorted {
                $0.latency.p99 != $1.latency.p99 ? $0.latency.p99 > $1.latency.p99 : $0.requests > $1.requests
            }
        }
    }

    static func panel(_ clusters: [ClusterStats], total: Int, sort: SortMode, rect: Rect) -> PanelModel {
        let inner = max(0, rect.cols - 2)
        let barWidth = inner >= 100 ? 24 : inner >= 70 ? 12 : max(4, inner / 8)
        let fixed = 1 + 7 + 7 + 7 + 7 + 2 + barWidth + 9
        let nameWidth = max(8, inner - fixed)
        let rows = clusters.map { cluster in
            ModelRow([TextSpan(" "), TextSpan(LiveText.clusterLabel(cluster.name), cluster.isOther ? .muted : .plain, width: nameWidth),
                      TextSpan(count(cluster.requests), width: 7, align: .right),
                      TextSpan(Format.percent(cluster.errors, of: cluster.requests), LiveText.errorStyle(cluster.errors, of: cluster.requests),
                               width: 7, align: .right),
                      TextSpan(LiveText.latency(cluster.latency.p50, count: cluster.latency.count), width: 7, align: .right),
                      TextSpan(LiveText.latency(cluster.latency.p99, count: cluster.latency.count), width: 7, align: .right),
                      TextSpan("  ")] + hostBar(cluster.hosts, width: barWidth) + [hostSummary(cluster)],
                     target: .cluster(cluster.name.name))
        }
        let sortMark: (SortMode) -> String = { $0 == sort ? "▾" : "" }
        let columns = ModelRow([TextSpan(" "), TextSpan("CLUSTER", width: nameWidth),
                                TextSpan("REQ" + sortMark(.count), width: 7, align: .right),
                                TextSpan("ERR" + sortMark(.errors), width: 7, align: .right),
                                TextSpan("P50", width: 7, align: .right),
                                TextSpan("P99" + sortMark(.p99), width: 7, align: .right),
                                TextSpan("  "), TextSpan("HOSTS", width: barWidth + 9)])
        return PanelModel(title: DashboardModel.title("Clusters", shown: clusters.count, total: total), columns: columns,
                          rows: rows, empty: total == 0 ? "no upstream clusters yet" : "no cluster matches the filter",
                          rect: rect)
    }

    /// `1,234` when it fits in 7 columns, else `1.2M`.
    static func count(_ n: Int) -> String {
        let text = Format.thousands(n)
        return text.count <= 6 ? text : Format.compact(n)
    }

    /// `  3h  66%`: hosts and the busiest one's share (9 columns).
    static func hostSummary(_ cluster: ClusterStats) -> TextSpan {
        let hosts = cluster.hosts.filter { $0.requests > 0 }
        guard let top = hosts.map(\.share).max() else { return TextSpan("", width: 9) }
        let pinned = hosts.count > 1 && top >= 0.9
        let text = "\(hosts.count)h " + Format.percent(top, decimals: 0)
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
