/// How exact one keyed table of a snapshot is (clusters, a cluster's hosts, client pods, …).
///
/// Up to its bound (`AggregatorLimits`) a table is exact: `approximate` is false and `otherCount` 0.
/// Past the bound the table keeps its heaviest keys: `otherCount` requests belong to keys that are not
/// listed (the "other" row), and a listed count may fall short of the truth by at most `errorBound`
/// (a key with more than `2 × total / bound` requests is never dropped). Totals stay exact.
public struct TableAccuracy: Sendable, Equatable {
    public var approximate: Bool
    /// Requests (or occurrences) of keys that are not listed.
    public var otherCount: Int
    /// `otherCount` / the table's total (0 when exact).
    public var otherShare: Double
    /// The most a listed count may fall short of the truth.
    public var errorBound: Int

    public init(approximate: Bool = false, otherCount: Int = 0, otherShare: Double = 0, errorBound: Int = 0) {
        self.approximate = approximate; self.otherCount = otherCount; self.otherShare = otherShare
        self.errorBound = errorBound
    }

    /// Nothing was dropped.
    public static let exact = TableAccuracy()
}

/// The accuracy of the snapshot's keyed tables (per-cluster host tables are in `ClusterStats.hostTable`).
public struct SnapshotAccuracy: Sendable, Equatable {
    public var clusters = TableAccuracy.exact
    public var hosts = TableAccuracy.exact
    public var methods = TableAccuracy.exact
    public var sources = TableAccuracy.exact
    /// Pod → cluster and pod → host links.
    public var podLinks = TableAccuracy.exact
    public var paths = TableAccuracy.exact
    public init() {}

    /// True when any table is approximate.
    public var anyApproximate: Bool {
        clusters.approximate || hosts.approximate || methods.approximate || sources.approximate
            || podLinks.approximate || paths.approximate
    }
}
