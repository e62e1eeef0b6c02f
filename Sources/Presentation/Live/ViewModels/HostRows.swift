import AccessLog
import Analysis

/// The upstream-host list of the cluster screen: every host (thousands scroll like any list),
/// sorted by `s` (count, errors, p99), narrowed by the filter's host terms (`host:`, `flag:`,
/// `code:`, free text), counts marked `≈` when the cluster's host table is approximate, and the
/// "other" row (hosts past the bound) last with its share.
enum HostRows {
    static func sorted(_ hosts: [HostStats], by sort: SortMode) -> [HostStats] {
        let named = hosts.filter { !$0.isOther }, other = hosts.filter(\.isOther)
        switch sort {
        case .count: return named + other
        case .errors:
            return named.sorted { $0.errors != $1.errors ? $0.errors > $1.errors : $0.requests > $1.requests } + other
        case .p99:
            return named.sorted {
                $0.latency.p99 != $1.latency.p99 ? $0.latency.p99 > $1.latency.p99 : $0.requests > $1.requests
            } + other
        }
    }

    static func rows(_ cluster: ClusterStats, app: AppState, width: Int) -> [ModelRow] {
        guard !cluster.hosts.isEmpty else { return [] }
        let named = cluster.hosts.filter { !$0.isOther }.count
        let shown = sorted(cluster.hosts.filter { app.filter.matches($0, in: cluster) }, by: app.sort)
        let shownNamed = shown.filter { !$0.isOther }.count
        let approximate = cluster.hostTable.approximate
        var title = "Upstream hosts (" + (shownNamed == named ? Format.thousands(named)
                                           : "\(Format.thousands(shownNamed)) of \(Format.thousands(named))")
        title += ") · sorted by \(app.sort.label)"
        if approximate {
            title += " · ≈ counts within ±" + Format.thousands(cluster.hostTable.errorBound)
        }
        let barWidth = max(6, min(40, width - 70))
        var rows: [ModelRow] = [.blank, .heading(title),
                                ModelRow([TextSpan("  "), TextSpan("HOST", .muted, width: 24), TextSpan("REQ", .muted, width: 9, align: .right),
                                          TextSpan("SHARE", .muted, width: 8, align: .right), TextSpan("  "),
                                          TextSpan("DISTRIBUTION", .muted, width: barWidth), TextSpan("ERR", .muted, width: 8, align: .right),
                                          TextSpan("P50", .muted, width: 7, align: .right), TextSpan("P99", .muted, width: 7, align: .right)])]
        if shown.isEmpty { rows.append(.text("no host matches the filter", .muted)) }
        let pinnedLook = named > 1
        for host in shown {
            rows.append(ModelRow([
                TextSpan("  "), TextSpan(host.isOther ? "≈ other hosts" : host.host, host.isOther ? .muted : .plain, width: 24),
                TextSpan(SpreadText.approx(Format.thousands(host.requests), approximate), width: 9, align: .right),
                TextSpan(Format.percent(host.share), width: 8, align: .right), TextSpan("  "),
                TextSpan(Format.bar(host.share, width: barWidth), host.share >= 0.9 && pinnedLook ? Style(.warning) : Style(.accent)),
                TextSpan(Format.percent(host.errors, of: host.requests), StatusStyle.errorStyle(host.errors, of: host.requests),
                         width: 8, align: .right),
                TextSpan(LiveLabels.latency(host.latency.p50, count: host.latency.count), width: 7, align: .right),
                TextSpan(LiveLabels.latency(host.latency.p99, count: host.latency.count), width: 7, align: .right),
            ], target: host.isOther ? nil : .host(cluster: cluster.name.name, host: host.host)))
        }
        return rows
    }
}
