import AccessLog

/// One reader's share of a file split by cluster (`SplitStrategy.byCluster`): every reader reads the
/// whole file, and each counts the access lines whose upstream cluster hashes to its `part`, so that
/// each aggregator holds the clusters, hosts and pod links of its own clusters only.
///
/// Part 0 also counts what must be seen in line order to be counted as one reader counts it (see
/// `ClusterPartition`) and every non-access and malformed line. Merged, the parts give exactly the
/// snapshot of one reader while no table reaches its bound (`ClusterSplitTests`).
struct ClusterPartitionSink: RecordSink {
    private(set) var aggregator: Aggregator
    let part: Int
    private var partition: ClusterPartition

    /// Part `part` of `parts` (0 ≤ part < parts), counting into `aggregator` (empty, or the running
    /// total of earlier inputs).
    init(part: Int, of parts: Int, counting aggregator: consuming Aggregator) {
        self.part = part
        let limits = aggregator.limits
        partition = ClusterPartition(parts: parts, samplesPerFlag: limits.samplesPerFlag)
        self.aggregator = aggregator
        // Each part sees about 1/parts of the line keys; together the parts keep one cache's budget.
        self.aggregator.capKeyCache(entries: limits.keyCacheEntries / partition.parts)
    }

    /// Part `part` of `parts`, counting into an empty aggregator.
    init(part: Int, of parts: Int, limits: AggregatorLimits) {
        self.init(part: part, of: parts, counting: Aggregator(limits: limits))
    }

    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        if partition.owner(of: record, line: line) == part {
            aggregator.add(record, line: line, source: source, container: container)
        }
    }

    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) {
        if part == 0 { aggregator.addNonAccess(kind, line: line) }
    }

    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {
        if part == 0 { aggregator.addMalformed(reason, line: line, lineNumber: lineNumber) }
    }

    /// Counts the lines still waiting in the aggregator and frees its line-key cache (before the
    /// parts wait to be merged).
    mutating func releaseKeyCache() { aggregator.releaseKeyCache() }
}
