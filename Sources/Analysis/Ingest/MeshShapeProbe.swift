import AccessLog

/// What the first lines of a file say about its mesh, for `SplitStrategy.choose`: the distinct
/// (cluster, upstream host) pairs, and how many access lines each part of a split by cluster would
/// count (`ClusterPartition`).
struct MeshShapeProbe: RecordSink {
    /// Pairs, by the hashes of their cluster and host bytes.
    private(set) var pairs = Set<UInt64>()
    /// Access lines per part.
    private(set) var linesPerPart: [Int]

    private var partition: ClusterPartition

    init(parts: Int, samplesPerFlag: Int) {
        partition = ClusterPartition(parts: parts, samplesPerFlag: samplesPerFlag)
        linesPerPart = Array(repeating: 0, count: partition.parts)
    }

    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        linesPerPart[partition.owner(of: record, line: line)] += 1
        let cluster = record[.upstreamCluster], host = record[.upstreamHost]
        guard !line.isDash(cluster) else { return }
        pairs.insert(UInt64(KeyTable.hash(line.bytes(cluster))) << 32 | UInt64(KeyTable.hash(line.bytes(host))))
    }

    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) {}
    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {}
}
