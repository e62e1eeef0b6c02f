import AccessLog

/// Which of `parts` readers counts an access line when a file is split by cluster
/// (`ClusterPartitionSink`). Every reader sees every line in order and keeps the same state, so all
/// of them agree on each line's owner.
///
/// A line goes to the part its upstream cluster hashes to, except where one reader must see lines in
/// their order to count them as one reader would; those go to part 0:
/// - lines without a cluster;
/// - DR and DC lines: the client's and the server's record of one cancel are paired across two
///   clusters (`CancelCorrelator`, whose sample is the first pair completed);
/// - a flag's first `samplesPerFlag` lines, which it keeps as samples.
struct ClusterPartition: Sendable {
    let parts: Int
    private let samplesPerFlag: Int
    /// Flags whose samples are not all taken yet, as `ResponseFlags` bits.
    private var sampling: UInt32
    /// Lines seen per flag bit while it is sampling.
    private var flagLines: [Int]

    init(parts: Int, samplesPerFlag: Int) {
        self.parts = max(1, parts)
        self.samplesPerFlag = samplesPerFlag
        let flagCount = ResponseFlag.allCases.count
        sampling = samplesPerFlag == 0 ? 0 : flagCount >= 32 ? .max : (1 << UInt32(flagCount)) - 1
        flagLines = Array(repeating: 0, count: flagCount)
    }

    /// The part that counts `record` (call once per access line, in line order).
    @inline(__always)
    mutating func owner(of record: borrowing AccessRecord, line: UnsafeRawBufferPointer) -> Int {
        if parts == 1 { return 0 }
        let flags = record.flags.rawValue
        if flags != 0 && (flags & Aggregator.cancelFlags != 0 || flags & sampling != 0) {
            noteSampled(flags)
            return 0
        }
        let cluster = record[.upstreamCluster]
        if line.isDash(cluster) { return 0 }
        return Int(KeyTable.hash(line.bytes(cluster)) % UInt32(parts))
    }

    /// Counts a line towards the samples of each of its flags still sampling.
    private mutating func noteSampled(_ flags: UInt32) {
        var bits = flags & sampling
        while bits != 0 {
            let bit = bits.trailingZeroBitCount
            bits &= bits - 1
            flagLines[bit] += 1
            if flagLines[bit] >= samplesPerFlag { sampling &= ~(1 << UInt32(bit)) }
        }
    }
}
