import AccessLog
import Analysis

/// A response flag: its meaning, where it occurs (clusters, hosts), codes, details, samples and
/// the long explanation.
enum FlagDetail {
    static func rows(_ flag: ResponseFlag, data: LiveData, width: Int) -> [ModelRow] {
        let snapshot = data.snapshot
        var rows: [ModelRow] = [
            ModelRow([TextSpan(" "), TextSpan(flag.shortName, StatusStyle.flagStyle(flag).adding(.bold)),
                      TextSpan("  " + flag.longName, .bold)]),
        ]
        rows += ModelRow.wrapped(flag.meaning, width: width)
        guard let stats = snapshot.flags.first(where: { $0.flag == flag }) else {
            return rows + [.blank] + DetailRows.gone("Flag \(flag.shortName)") + about(flag, width: width)
        }
        rows.append(.blank)
        rows.append(.fact("occurrences", Format.thousands(stats.count) + " (" + Format.percent(stats.share) + " of requests)",
                          StatusStyle.flagStyle(flag)))
        if stats.grpcCount > 0 || stats.tcpCount > 0 {
            rows.append(.fact("gRPC / TCP", Format.thousands(stats.grpcCount) + " / " + Format.thousands(stats.tcpCount)))
        }
        rows.append(.fact("duration", DetailRows.latency(stats.latency)))
        if let first = stats.firstSeenMs, let last = stats.lastSeenMs {
            rows.append(.fact("first → last seen", Format.utcDateTime(first) + " → " + Format.clock(last)))
        }
        rows += DetailRows.keyCounts("Clusters", stats.clusters, of: stats.count, width: width) { item in
            item.isOther ? nil : .cluster(item.key)
        }
        rows += DetailRows.keyCounts("Upstream hosts", stats.hosts, of: stats.count, width: width) { item in
            guard !item.isOther, let cluster = DetailRows.cluster(of: item.key, in: snapshot, flag: flag) else { return nil }
            return .host(cluster: cluster, host: item.key)
        }
        rows += DetailRows.codes(stats.codes, of: stats.count, scope: LineScope(flag: flag))
        rows += DetailRows.keyCounts("Response code details", stats.details, of: stats.count, width: width)
        rows += DetailRows.keyCounts("Upstream transport failure reasons", stats.transportFailureReasons,
                                     of: stats.count, width: width)
        rows += DetailRows.samples("Sample lines", stats.samples)
        return rows + about(flag, width: width)
    }

    private static func about(_ flag: ResponseFlag, width: Int) -> [ModelRow] {
        guard let text = Explain.text(for: flag.shortName) else { return [] }
        // The explanation repeats the name and the one-line meaning shown at the top: skip to its
        // first blank line.
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.isEmpty }.dropFirst()
        let lines = ScreenText.reflow(body.joined(separator: "\n"), width: max(10, width - 2))
        return [.blank, .heading("About " + flag.shortName)] + lines.map { ModelRow.text($0) }
    }
}
