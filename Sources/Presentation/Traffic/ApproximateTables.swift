import AccessLog
import Analysis

/// The tables of a snapshot that reached their bound, in words ("clusters", "hosts of 3 clusters",
/// "pod links"), for the text report's `≈` line and the live header: which numbers are exact and
/// which are not, not only that something is approximate.
enum ApproximateTables {
    static func names(_ snapshot: Snapshot) -> [String] {
        let a = snapshot.accuracy
        var names: [String] = []
        if a.clusters.approximate { names.append("clusters") }
        let hostTables = snapshot.clusters.filter(\.hostTable.approximate).count
        if a.hosts.approximate || hostTables > 0 {
            names.append(hostTables > 0 ? "hosts of \(Format.thousands(hostTables)) cluster\(hostTables == 1 ? "" : "s")" : "hosts")
        }
        if a.methods.approximate { names.append("methods") }
        if a.paths.approximate { names.append("paths") }
        if a.sources.approximate { names.append("client pods") }
        if a.podLinks.approximate { names.append("pod links") }
        return names
    }
}
