import AccessLog
import Analysis

/// One upstream host of a cluster: its traffic, flags, codes, gRPC statuses, the client pods that
/// reach it, and its recent lines.
enum HostDetail {
    /// Recent lines shown at most (newest last).
    static let maxLines = 200

    static func rows(cluster name: String, host address: String, data: LiveData, app: AppState, width: Int) -> [ModelRow] {
        let snapshot = data.snapshot
        guard let cluster = snapshot.clusters.first(where: { $0.name.name == name }),
              let host = cluster.hosts.first(where: { $0.host == address }) else {
            return DetailRows.gone("Host \(address) of \(name)") + recent(name, address, data: data, app: app)
        }
        var rows: [ModelRow] = [
            ModelRow([TextSpan(" "), TextSpan(address, .bold), TextSpan("  on  ", .muted),
                      TextSpan(LiveLabels.clusterLabel(cluster.name), Style(.accent))], target: .cluster(name)),
            .blank,
            .fact("requests", Format.thousands(host.requests) + " (" + Format.percent(host.share) + " of the cluster's "
                  + Format.thousands(cluster.requests) + ")"),
            .fact("errors", Format.thousands(host.errors) + " (" + Format.percent(host.errors, of: host.requests) + ")",
                  StatusStyle.errorStyle(host.errors, of: host.requests)),
            .fact("duration", DetailRows.latency(host.latency)),
            .fact("cluster duration", DetailRows.latency(cluster.latency), .muted),
        ]
        rows += DetailRows.flags(host.flags, of: host.requests)
        rows += DetailRows.codes(host.codes, of: host.requests, scope: LineScope(cluster: name, host: address))
        if !host.grpcStatuses.isEmpty {
            rows += [.blank, .heading("gRPC statuses")]
            for status in host.grpcStatuses {
                rows.append(.fact(grpcName(status.status), Format.thousands(status.count),
                                  status.status == 0 ? .plain : Style(.warning), labelWidth: 22))
            }
        }
        let pods = snapshot.sources.compactMap { pod -> KeyCount? in
            guard let c = pod.clusters.first(where: { $0.cluster == name }),
                  let h = c.hosts.first(where: { $0.key == address }) else { return nil }
            return KeyCount(key: pod.pod, count: h.count)
        }
        rows += DetailRows.keyCounts("Client pods sending here", pods, of: host.requests, width: width)
        return rows + recent(name, address, data: data, app: app)
    }

    private static func recent(_ cluster: String, _ host: String, data: LiveData, app: AppState) -> [ModelRow] {
        let scope = LineScope(cluster: cluster, host: host)
        let lines = data.snapshot.recentLines.filter { scope.contains($0) && app.filter.matches($0) }.suffix(maxLines)
        let title = "Recent lines (\(lines.count)" + (app.filter.isEmpty ? "" : ", filtered") + ") · l: all of them"
        guard !lines.isEmpty else {
            return [.blank, .heading(title), .text("no recent line from this host in the recent-lines buffer", .muted)]
        }
        return [.blank, .heading(title)] + DetailRows.lines(Array(lines))
    }

    static func grpcName(_ status: Int) -> String {
        let names = ["OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
                     "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
                     "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"]
        return status >= 0 && status < names.count ? "\(status) \(names[status])" : "\(status)"
    }
}
