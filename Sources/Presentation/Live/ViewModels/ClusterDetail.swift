import AccessLog
import Analysis

/// A cluster: traffic summary, hosts with share bars, the client pods and where each sends,
/// subsets, methods, flags, codes and details.
enum ClusterDetail {
    static func rows(_ name: String, data: LiveData, app: AppState, width: Int) -> [ModelRow] {
        let snapshot = data.snapshot
        guard let cluster = snapshot.clusters.first(where: { $0.name.name == name }) else {
            return DetailRows.gone("Cluster \(name)")
        }
        var rows: [ModelRow] = [
            ModelRow([TextSpan(" "), TextSpan(LiveText.clusterLabel(cluster.name), .bold), TextSpan("   " + name, .muted)]),
            .blank,
        ]
        let n = cluster.requests
        var protocols = "HTTP/1 \(Format.thousands(cluster.http1)) · HTTP/2 \(Format.thousands(cluster.http2))"
        protocols += " · TCP \(Format.thousands(cluster.tcp)) · gRPC \(Format.thousands(cluster.grpc))"
        rows.append(.fact("requests", Format.thousands(n) + "   (" + protocols + ")"))
        rows.append(.fact("errors", Format.thousands(cluster.errors) + " (" + Format.percent(cluster.errors, of: n) + ")"
                          + " · 4xx " + Format.thousands(cluster.clientErrors), LiveText.errorStyle(cluster.errors, of: n)))
        rows.append(.fact("duration", DetailRows.latency(cluster.latency)))
        if cluster.upstreamServiceTime.count > 0 {
            rows.append(.fact("upstream service time", DetailRows.latency(cluster.upstreamServiceTime)))
        }
        rows.append(.fact("bytes in / out", Format.compact(Int(cluster.bytesReceived)) + " / " + Format.compact(Int(cluster.bytesSent))))
        if cluster.retried > 0 { rows.append(.fact("retried", Format.thousands(cluster.retried))) }
        rows.append(.fact("host imbalance", Format.fixed(cluster.imbalance, decimals: 2) + "  (0 = even, 1 = all on one host)",
                          cluster.imbalance >= 0.5 ? Style(.warning) : .plain))
        rows += hosts(cluster, sort: app.sort, width: width)
        rows += pods(name, snapshot: snapshot, width: width)
        rows += subsets(cluster, snapshot: snapshot, width: width)
        rows += DetailRows.keyCounts("Methods / paths", cluster.methods, of: n, width: width)
        rows += DetailRows.flags(cluster.flags, of: n)
        rows += DetailRows.codes(cluster.codes, of: n, scope: LineScope(cluster: name))
        rows += DetailRows.keyCounts("Response code details", cluster.details, of: n, width: width)
        rows += DetailRows.keyCounts("Destinations", cluster.destinations, of: n, width: width)
        return rows
    }

    static func sortedHosts(_ hosts: [HostStats], by sort: SortMode) -> [HostStats] {
        switch sort {
        case .count: hosts
        case .errors: hosts.sorted { $0.errors != $1.errors ? $0.errors > $1.errors : $0.requests > $1.requests }
        case .p99: hosts.sorted { $0.latency.p99 != $1.latency.p99 ? $0.latency.p99 > $1.latency.p99 : $0.requests > $1.requests }
        }
    }

    static func hosts(_ cluster: ClusterStats, sort: SortMode, width: Int) -> [ModelRow] {
        guard !cluster.hosts.isEmpty else { return [] }
        let barWidth = max(6, min(40, width - 70))
        var rows: [ModelRow] = [.blank, .heading("Upstream hosts (\(cluster.hosts.count)) · sorted by \(sort.label)"),
                                ModelRow([TextSpan("  "), TextSpan("HOST", .muted, width: 24), TextSpan("REQ", .muted, width: 9, align: .right),
                                          TextSpan("SHARE", .muted, width: 8, align: .right), TextSpan("  "),
                                          TextSpan("DISTRIBUTION", .muted, width: barWidth), TextSpan("ERR", .muted, width: 8, align: .right),
                                          TextSpan("P50", .muted, width: 7, align: .right), TextSpan("P99", .muted, width: 7, align: .right)])]
        for host in sortedHosts(cluster.hosts, by: sort) {
            rows.append(ModelRow([
                TextSpan("  "), TextSpan(host.host, host.isOther ? .muted : .plain, width: 24),
                TextSpan(Format.thousands(host.requests), width: 9, align: .right),
                TextSpan(Format.percent(host.share), width: 8, align: .right), TextSpan("  "),
                TextSpan(Format.bar(host.share, width: barWidth), host.share >= 0.9 && cluster.hosts.count > 1 ? Style(.warning) : Style(.accent)),
                TextSpan(Format.percent(host.errors, of: host.requests), LiveText.errorStyle(host.errors, of: host.requests),
                         width: 8, align: .right),
                TextSpan(LiveText.latency(host.latency.p50, count: host.latency.count), width: 7, align: .right),
                TextSpan(LiveText.latency(host.latency.p99, count: host.latency.count), width: 7, align: .right),
            ], target: host.isOther ? nil : .host(cluster: cluster.name.name, host: host.host)))
        }
        return rows
    }

    /// Client pods (from kubectl/stern prefixes) that sent to this cluster, each with the host
    /// that got most of its requests: per-pod pinning shows here even when the cluster looks even.
    static func pods(_ name: String, snapshot: Snapshot, width: Int) -> [ModelRow] {
        let entries = snapshot.sources.compactMap { pod in
            pod.clusters.first { $0.cluster == name }.map { (pod.pod, $0) }
        }
        guard !entries.isEmpty else { return [] }
        var rows: [ModelRow] = [.blank, .heading("Client pods (\(entries.count)) → busiest host")]
        for (pod, stats) in entries {
            let top = stats.hosts.max { $0.count < $1.count }
            let share = top.map { Double($0.count) / Double(max(1, stats.requests)) } ?? 0
            let pinned = share >= 0.9 && stats.requests >= 10
            rows.append(ModelRow([
                TextSpan("  "), TextSpan(pod, width: max(20, min(44, width - 50))),
                TextSpan(Format.thousands(stats.requests), width: 9, align: .right),
                TextSpan("  → "), TextSpan(top?.key ?? "-", width: 24),
                TextSpan(Format.percent(share), pinned ? Style(.warning, .bold) : .plain, width: 8, align: .right),
                TextSpan(pinned ? "  pinned" : "", Style(.warning)),
            ], target: top.map { .host(cluster: name, host: $0.key) }))
        }
        return rows
    }

    /// Other clusters for the same service and port with a different subset (`v1`, `v2`).
    static func subsets(_ cluster: ClusterStats, snapshot: Snapshot, width: Int) -> [ModelRow] {
        guard let fqdn = cluster.name.fqdn else { return [] }
        let siblings = snapshot.clusters.filter {
            $0.name.fqdn == fqdn && $0.name.port == cluster.name.port && $0.name.direction == cluster.name.direction
        }
        guard siblings.count > 1 else { return [] }
        let total = siblings.reduce(0) { $0 + $1.requests }
        return DetailRows.keyCounts("Subsets of \(fqdn)", siblings.map { KeyCount(key: $0.name.name, count: $0.requests) },
                                    of: total, width: width) { .cluster($0.key) }
    }
}
