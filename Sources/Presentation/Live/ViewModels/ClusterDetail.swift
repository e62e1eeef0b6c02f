import AccessLog
import Analysis

/// A cluster: traffic summary with the balance verdict, hosts with share bars (`HostRows`), the
/// client pods and where each sends, subsets, methods, flags, codes and details.
enum ClusterDetail {
    static func rows(_ name: String, data: LiveData, app: AppState, width: Int) -> [ModelRow] {
        let snapshot = data.snapshot
        guard let cluster = snapshot.clusters.first(where: { $0.name.name == name }) else {
            return DetailRows.gone("Cluster \(name)")
        }
        var rows: [ModelRow] = [
            ModelRow([TextSpan(" "), TextSpan(LiveLabels.clusterLabel(cluster.name), .bold), TextSpan("   " + name, .muted)]),
            .blank,
        ]
        let n = cluster.requests
        var protocols = "HTTP/1 \(Format.thousands(cluster.http1)) · HTTP/2 \(Format.thousands(cluster.http2))"
        protocols += " · TCP \(Format.thousands(cluster.tcp)) · gRPC \(Format.thousands(cluster.grpc))"
        rows.append(.fact("requests", SpreadText.approx(Format.thousands(n), snapshot.accuracy.clusters.approximate)
                          + "   (" + protocols + ")"))
        rows.append(.fact("errors", Format.thousands(cluster.errors) + " (" + Format.percent(cluster.errors, of: n) + ")"
                          + " · 4xx " + Format.thousands(cluster.clientErrors), StatusStyle.errorStyle(cluster.errors, of: n)))
        rows.append(.fact("duration", DetailRows.latency(cluster.latency)))
        if cluster.upstreamServiceTime.count > 0 {
            rows.append(.fact("upstream service time", DetailRows.latency(cluster.upstreamServiceTime)))
        }
        rows.append(.fact("bytes in / out", Format.compact(Int(cluster.bytesReceived)) + " / " + Format.compact(Int(cluster.bytesSent))))
        if cluster.retried > 0 { rows.append(.fact("retried", Format.thousands(cluster.retried))) }
        rows.append(.fact("host imbalance", Format.fixed(cluster.imbalance, decimals: 2) + "  (0 = even, 1 = all on one host)",
                          cluster.imbalance >= 0.5 ? Style(.warning) : .plain))
        rows.append(.fact("balance", SpreadText.balance(cluster.balance), ClusterRows.verdictStyle(cluster.balance.verdict)))
        if cluster.requestsWithoutHost > 0 {
            rows.append(.fact("without a host", Format.thousands(cluster.requestsWithoutHost) + " ("
                              + Format.percent(cluster.requestsWithoutHost, of: n) + ") never reached an upstream host"))
        }
        rows += HostRows.rows(cluster, app: app, width: width)
        rows += pods(name, snapshot: snapshot, filter: app.filter, width: width)
        rows += subsets(cluster, snapshot: snapshot, width: width)
        rows += DetailRows.keyCounts("Methods / paths", cluster.methods, of: n, width: width)
        rows += DetailRows.flags(cluster.flags, of: n)
        rows += DetailRows.codes(cluster.codes, of: n, scope: LineScope(cluster: name))
        rows += DetailRows.keyCounts("Response code details", cluster.details, of: n, width: width)
        rows += DetailRows.keyCounts("Destinations", cluster.destinations, of: n, width: width)
        return rows
    }

    /// Client pods (from kubectl/stern prefixes) that sent to this cluster, each with the host
    /// that got most of its requests: per-pod pinning shows here even when the cluster looks even.
    static func pods(_ name: String, snapshot: Snapshot, filter: FilterQuery, width: Int) -> [ModelRow] {
        let all = snapshot.sources.compactMap { pod in
            pod.clusters.first { $0.cluster == name }.map { (pod.pod, $0) }
        }
        guard !all.isEmpty else { return [] }
        let entries = all.filter { filter.matches(pod: $0.0) }
        let count = entries.count == all.count ? Format.thousands(all.count)
            : "\(Format.thousands(entries.count)) of \(Format.thousands(all.count))"
        var rows: [ModelRow] = [.blank, .heading("Client pods (\(count)) → busiest host"
                                                 + (snapshot.accuracy.podLinks.approximate ? " · ≈ approximate" : ""))]
        if entries.isEmpty { rows.append(.text("no pod matches the filter", .muted)) }
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
            ], target: top.flatMap { $0.isOther ? nil : .host(cluster: name, host: $0.key) }))
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
