import AccessLog

/// How `meshlog report` reads one large plain file with several threads.
public enum SplitStrategy: Sendable, Equatable {
    /// Each thread reads a byte range of the file and counts everything in it; the aggregators are
    /// merged. The fastest split, but every thread holds every key it meets: at mesh scale each part
    /// meets nearly every cluster, host and pod link, so memory grows with the threads.
    case byteRanges
    /// Each thread reads the whole file and counts the lines of its own clusters
    /// (`ClusterPartitionSink`), so the key tables are divided between the threads instead of
    /// repeated. Every thread parses every line, so it pays only when aggregation, not parsing,
    /// is the work: a mesh of thousands of (cluster, host) pairs whose lines repeat.
    case byCluster

    /// Bytes read from the start of a file to choose (about 11,000 lines of a typical log)…
    static let probeBytes: Int64 = 4 << 20
    /// …unless the first megabyte already shows too few pairs for a mesh (a quarter of `meshPairs`).
    static let firstProbeBytes: Int64 = 1 << 20
    /// Distinct (cluster, upstream host) pairs in the probe from which the tables are worth dividing.
    static let meshPairs = 2_000
    /// Lines per pair in the probe below which keys are not repeating (every line brings new keys):
    /// the tables reach their bounds either way, and byte ranges are faster.
    static let repeatingLinesPerPair = 1.25
    /// The largest share of the probe's lines one thread may get for `byCluster`, so that one busy
    /// cluster does not leave the other threads idle.
    static let busiestPartShare = 0.65

    /// Reads the first `probeBytes` of the plain file at `path` (or only its first megabyte when that
    /// already shows a small mesh) and chooses: `byCluster` for a mesh of at least `meshPairs`
    /// (cluster, host) pairs whose lines repeat and whose clusters spread over the threads,
    /// `byteRanges` otherwise.
    static func choose(path: String, parser: LineParser, parts: Int, limits: AggregatorLimits) throws -> SplitStrategy {
        guard parts > 1 else { return .byteRanges }
        var processor = LineProcessor(parser: parser, sink: MeshShapeProbe(parts: parts, samplesPerFlag: limits.samplesPerFlag))
        try processor.consume(ByteSource(path: path, byteRange: 0..<firstProbeBytes))
        if processor.sink.pairs.count * 4 >= meshPairs {
            // The second range starts inside a line: that fragment is malformed, and not looked at.
            try processor.consume(ByteSource(path: path, byteRange: firstProbeBytes..<probeBytes))
        }
        return choose(processor.sink)
    }

    /// The choice for what a probe saw.
    static func choose(_ probe: MeshShapeProbe) -> SplitStrategy {
        let lines = probe.linesPerPart.reduce(0, +)
        guard probe.pairs.count >= meshPairs, lines > 0 else { return .byteRanges }
        let repeating = Double(lines) >= repeatingLinesPerPair * Double(probe.pairs.count)
        let busiest = Double(probe.linesPerPart.max() ?? 0) / Double(lines)
        return repeating && busiest <= busiestPartShare ? .byCluster : .byteRanges
    }
}
