import AccessLog

/// One line's trip through the pipeline: prefix stripping → format detection and parsing →
/// the sink (the aggregator, or `meshlog parse`'s printer). Every line is delivered exactly once,
/// as an access record, a non-access line or a malformed line.
///
/// Not thread-safe; each reader thread owns one.
public struct LineProcessor<Sink: RecordSink> {
    private var stripper = PrefixStripper()
    private var parser: LineParser
    private var record = AccessRecord()
    public var sink: Sink
    /// Lines seen by this processor (the 1-based number of the last line).
    public private(set) var lineNumber = 0
    /// Fragment lines whose record is not complete yet: counted when it is (see `finish`).
    private var heldFragments = 0

    public init(parser: LineParser, sink: Sink) {
        self.parser = parser
        self.sink = sink
    }

    /// Processes one line. `truncated` lines (over the length cap) are counted as malformed.
    public mutating func process(_ line: UnsafeRawBufferPointer, truncated: Bool) {
        lineNumber += 1
        if truncated {
            sink.addMalformed(.tooLong, line: line, lineNumber: lineNumber)
            return
        }
        let stripped = stripper.strip(line)
        if stripped.isPartial {
            // A fragment (CRI `P`, a docker entry without its newline): its text waits in the
            // stripper, and the line is counted once the record it belongs to is complete.
            heldFragments += 1
            return
        }
        if stripped.joinedFragments > 0 { countContinuations(stripped.joinedFragments) }
        handle(stripped)
    }

    /// At the end of an input: a record whose last fragment never came is joined from the fragments
    /// kept so far and counted as its last line, the other fragments as continuations, so that every
    /// line is still counted once and no record's text is dropped. Idempotent.
    public mutating func finish() {
        while let joined = stripper.finishPartial() {
            countContinuations(joined.joinedFragments - 1)
            heldFragments = max(0, heldFragments - 1)
            handle(joined)
        }
        countContinuations(heldFragments)
    }

    /// Counts `n` held fragment lines as continuations (non-access lines of a joined record).
    @inline(never)
    private mutating func countContinuations(_ n: Int) {
        let count = min(n, heldFragments)
        guard count > 0 else { return }
        for _ in 0..<count { sink.addNonAccess(.continuation, line: StrippedLine.empty) }
        heldFragments -= count
    }

    /// Parses a complete line (prefix removed) and hands it to the sink.
    @inline(__always)
    private mutating func handle(_ stripped: StrippedLine) {
        if stripped.isTruncated {
            sink.addMalformed(.tooLong, line: stripped.content, lineNumber: lineNumber)
            return
        }
        switch parser.parse(stripped.content, into: &record) {
        case .access:
            Self.deliver(&record, to: &sink, stripped)
        case .nonAccess(let kind):
            sink.addNonAccess(kind, line: stripped.content)
        case .malformed(let reason):
            sink.addMalformed(reason, line: stripped.content, lineNumber: lineNumber)
        }
    }

    /// Hands the parsed record to the sink. Both are passed in place (two disjoint stored
    /// properties): reading `record` while `sink` is being mutated would otherwise copy it.
    @inline(__always)
    private static func deliver(_ record: inout AccessRecord, to sink: inout Sink, _ line: StrippedLine) {
        sink.add(record, line: line.content, source: line.pod, container: line.container)
    }

    /// True while a record is incomplete: fragments wait for the line that ends their record, so
    /// the lines that follow may change how they are counted. A part of a split file that ends
    /// like this was split inside a record (see `ReportIngest`).
    public var hasPendingRecord: Bool { heldFragments > 0 }

    /// Reads `source` to its end (and `finish`es it).
    public mutating func consume(_ source: ByteSource) throws {
        try read(source)
        finish()
    }

    /// Reads `source` to its end without `finish`ing it (a record may still be pending).
    public mutating func read(_ source: ByteSource) throws {
        var reader = LineReader(source: source)
        try reader.forEachLine { line, truncated in
            process(line, truncated: truncated)
        }
    }
}

extension LineProcessor where Sink == Aggregator {
    /// A processor that aggregates.
    public init(parser: LineParser, limits: AggregatorLimits) {
        self.init(parser: parser, sink: Aggregator(limits: limits))
    }
    public var aggregator: Aggregator { sink }
}
