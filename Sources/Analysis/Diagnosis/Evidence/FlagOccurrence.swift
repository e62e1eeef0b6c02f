import AccessLog

/// Some response flags on one cluster (or on no known cluster), with the numbers a finding needs.
struct FlagOccurrence {
    /// The flags counted (one for most rules; RL+RLSE, DC+DR … for grouped rules).
    let flags: [ResponseFlag]
    /// Global stats of those flags (details, reasons, samples, latency, first/last seen).
    let stats: [FlagStats]
    /// The cluster, when the records named one the snapshot knows.
    let cluster: ClusterStats?
    /// Records with any of the flags on this cluster.
    let count: Int
    /// The cluster's requests, or all requests when there is no cluster.
    let denominator: Int
    /// True when these flags occur on more than one cluster (global details are then mixed).
    let spansClusters: Bool

    var share: Double { SeverityPolicy.share(count, of: denominator) }
    var clusterName: ClusterName? { cluster?.name }
    /// The service the records went to: from the cluster name, or — for an inbound cluster whose
    /// name carries no service (`inbound|50051||`) — from the authority its requests named.
    var target: ServiceTarget {
        guard let cluster else { return .generic }
        let named = ServiceTarget(cluster.name)
        if named.isKnown { return named }
        return ServiceTarget(authority: cluster.destinations.first { !$0.isOther }?.key, port: cluster.name.port,
                             clusterName: cluster.name.name) ?? named
    }

    /// `orders.shop:50051`, or "all requests" phrasing when there is no cluster.
    var displayName: String { cluster.map { ServiceTarget.displayName($0.name) } ?? "unknown destinations" }

    /// `UO` or `RL/RLSE` — the flags actually seen here.
    var flagLabel: String {
        let seen = flags.filter { flag in cluster.map { $0.count(of: flag) > 0 } ?? stats.contains { $0.flag == flag } }
        return (seen.isEmpty ? flags : seen).map(\.shortName).joined(separator: "/")
    }

    /// Finds every cluster where any of `flags` occurred, most affected first, plus one occurrence
    /// without a cluster for records no listed cluster accounts for.
    static func find(_ flags: [ResponseFlag], in snapshot: Snapshot,
                     includeCluster: (ClusterName) -> Bool = { _ in true },
                     includeUnattributed: Bool = true) -> [FlagOccurrence] {
        let stats = snapshot.flags.filter { flags.contains($0.flag) }
        var named = 0, unnamed = 0
        var perCluster: [(ClusterStats, Int)] = []
        for cluster in snapshot.clusters {
            let flagged = flags.reduce(0) { $0 + cluster.count(of: $1) }
            let count = cluster.requests > 0 ? min(cluster.requests, flagged) : flagged
            guard count > 0 else { continue }
            if ClusterKey.isNone(cluster.name.name) { unnamed += count; continue }
            named += count
            if includeCluster(cluster.name) { perCluster.append((cluster, count)) }
        }
        let total = max(stats.reduce(0) { $0 + $1.count }, named + unnamed)
        let unattributed = total - named
        let spans = perCluster.count + (unattributed > 0 && includeUnattributed ? 1 : 0) > 1
        var result = perCluster.sorted { $0.1 > $1.1 }.map {
            FlagOccurrence(flags: flags, stats: stats, cluster: $0.0, count: $0.1, denominator: $0.0.requests,
                           spansClusters: spans)
        }
        if includeUnattributed && unattributed > 0 {
            result.append(FlagOccurrence(flags: flags, stats: stats, cluster: nil, count: unattributed,
                                         denominator: snapshot.requests, spansClusters: spans))
        }
        return result
    }

    /// Up to 5 sample lines for this occurrence: flag samples naming the cluster, then recent lines.
    func samples(from snapshot: Snapshot) -> [String] {
        let key = cluster?.name.name
        var lines: [String] = []
        func add(_ line: String) {
            if lines.count < 5 && !lines.contains(line) { lines.append(line) }
        }
        for stat in stats {
            for line in stat.samples where key.map({ line.contains($0) }) ?? true || !spansClusters { add(line) }
        }
        for line in snapshot.recentLines.reversed() where lines.count < 5 {
            guard flags.contains(where: { line.flags.contains($0) }) else { continue }
            if let key, let lineCluster = line.cluster, ClusterKey.normalized(lineCluster) != key { continue }
            add(line.text)
        }
        return lines
    }

    /// The time window the flags were seen in.
    var window: String? {
        let first = stats.compactMap(\.firstSeenMs).min()
        let last = stats.compactMap(\.lastSeenMs).max()
        return Format.utcWindow(firstMs: first, lastMs: last)
    }

    /// Code details of these flags, most frequent first (global over clusters).
    var details: [KeyCount] { merged(stats.map(\.details)) }
    var transportFailureReasons: [KeyCount] { merged(stats.map(\.transportFailureReasons)) }

    /// True when a detail or transport failure reason (or a sample line) contains `marker`.
    func mentions(_ marker: String, in snapshot: Snapshot) -> Int {
        let fromKeys = (details + transportFailureReasons).reduce(0) { $0 + ($1.key.contains(marker) ? $1.count : 0) }
        if fromKeys > 0 { return fromKeys }
        return samples(from: snapshot).filter { $0.contains(marker) }.count
    }

    private func merged(_ lists: [[KeyCount]]) -> [KeyCount] {
        if lists.count == 1 { return lists[0] }
        var totals: [String: Int] = [:]
        var order: [String] = []
        for list in lists {
            for item in list {
                if totals[item.key] == nil { order.append(item.key) }
                totals[item.key, default: 0] += item.count
            }
        }
        return order.map { KeyCount(key: $0, count: totals[$0] ?? 0) }.sorted { $0.count > $1.count }
    }
}

extension Array where Element == FlagOccurrence {
    /// The occurrences that get a severity, most severe then most frequent first, at most `limit`:
    /// rules build text only for findings the `Diagnoser` will keep.
    func ranked(limit: Int, by severity: (FlagOccurrence) -> Severity?) -> [(FlagOccurrence, Severity)] {
        compactMap { o in severity(o).map { (o, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.count > $1.0.count }
            .prefix(Swift.max(0, limit)).map { $0 }
    }
}
