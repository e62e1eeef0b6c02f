/// Sample lines of one cluster from the snapshot's recent lines (newest first, at most 5).
enum ClusterSamples {
    static func lines(for cluster: String, in snapshot: Snapshot, where predicate: (SampleLine) -> Bool = { _ in true }) -> [String] {
        let key = ClusterKey.normalized(cluster)
        var lines: [String] = []
        for line in snapshot.recentLines.reversed() where lines.count < 5 {
            guard let c = line.cluster, ClusterKey.normalized(c) == key, predicate(line) else { continue }
            if !lines.contains(line.text) { lines.append(line.text) }
        }
        return lines
    }
}
