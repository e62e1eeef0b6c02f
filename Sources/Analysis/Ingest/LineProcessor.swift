import AccessLog

/// One line's trip through the pipeline: prefix stripping → format detection and parsing →
/// the sink (the aggregator, or `meshlog parse`'s printer). Every line is delivered exactly once,
/// as an access record, a non-access line or a malformed line.
///
/// Not thread-safe; each reader thread owns one.
public struct LineProcessor<Sink: RecordSink> {
    private var parser: LineParser
    private var record = AccessRecord()
    public var sink: Sink
    /// The 1-based number of the last line seen (counting the `lineBase` lines before the first).
    public private(set) var lineNumber = 0
    /// The current input's state (prefix fragments, an open multi-line JSON object, its path's pod).
    private var input = InputState()

    /// A processor delivering to `sink`; `lineBase` lines came before (in earlier inputs), so the
    /// first line is numbered `lineBase + 1`.
    public init(parser: LineParser, sink: Sink, lineBase: Int = 0) {
        self.parser = parser
        self.sink = sink
        lineNumber = max(0, lineBase)
    }

    /// Starts a new input read from `path`: its kubelet path (if it is one) names the pod of records
    /// whose lines carry no prefix. Call `finish()` for the previous input first.
    public mutating func startInput(path: String) {
        input = InputState(path: path)
    }

    /// Swaps the current input's state with `state`: a reader of several inputs at once keeps one
    /// state per input and swaps it in while it processes that input's lines.
    mutating func swapInput(_ state: inout InputState) {
        swap(&input, &state)
    }

    /// Processes one line. `truncated` lines (over the length cap) are counted as malformed.
    public mutating func process(_ line: UnsafeRawBufferPointer, truncated: Bool) {
        lineNumber += 1
        if truncated {
            if input.joining { endJoinedObject() }
            sink.addMalformed(.tooLong, line: line, lineNumber: lineNumber)
            return
        }
        let stripped = input.stripper.strip(line)
        if stripped.isPartial {
            // A fragment (CRI `P`, a docker entry without its newline): its text waits in the
            // stripper, and the line is counted once the record it belongs to is complete.
            input.heldFragments += 1
            return
        }
        if stripped.joinedFragments > 0 { countContinuations(stripped.joinedFragments) }
        if input.joining, continueJoinedObject(stripped.content) { return }
        handle(stripped)
    }

    /// At the end of an input: a record whose last fragment never came is joined from the fragments
    /// kept so far and counted as its last line, the other fragments as continuations, so that every
    /// line is still counted once and no record's text is dropped. A JSON object still open over
    /// several lines is parsed as it is (cut off). Idempotent.
    public mutating func finish() {
        if input.joining { endJoinedObject() }
        while let joined = input.stripper.finishPartial() {
            countContinuations(joined.joinedFragments - 1)
            input.heldFragments = max(0, input.heldFragments - 1)
            handle(joined)
        }
        if input.joining { endJoinedObject() }
        countContinuations(input.heldFragments)
    }

    /// Counts `n` held fragment lines as continuations (non-access lines of a joined record).
    @inline(never)
    private mutating func countContinuations(_ n: Int) {
        let count = min(n, input.heldFragments)
        guard count > 0 else { return }
        for _ in 0..<count { sink.addNonAccess(.continuation, line: StrippedLine.empty) }
        input.heldFragments -= count
    }

    /// A line while a multi-line JSON object is open: kept as part of it (true), or — when it cannot
    /// be inside an object — the object is ended as cut off and the line is left to the caller (false).
    @inline(never)
    private mutating func continueJoinedObject(_ content: UnsafeRawBufferPointer) -> Bool {
        switch input.joiner.append(content) {
        case .open:
            return true
        case .closed:
            endJoinedObject()
            return true
        case .rejected:
            endJoinedObject()
            return false
        }
    }

    /// Parses the joined object (complete or cut off) as one line, and counts its other physical
    /// lines as continuations.
    @inline(never)
    private mutating func endJoinedObject() {
        input.joining = false
        let extra = input.joiner.lines - 1
        let joined = input.joiner.joined
        input.joiner.reset()
        for _ in 0..<max(0, extra) { sink.addNonAccess(.continuation, line: StrippedLine.empty) }
        handle(joined, mayJoin: false)
    }

    /// Parses a complete line (prefix removed) and hands it to the sink.
    /// A line that did not parse on its own but opens a JSON object that goes on over the next
    /// lines is held (`mayJoin`) instead of counted.
    @inline(__always)
    private mutating func handle(_ stripped: StrippedLine, mayJoin: Bool = true) {
        if stripped.isTruncated {
            sink.addMalformed(.tooLong, line: stripped.content, lineNumber: lineNumber)
            return
        }
        switch parser.parse(stripped.content, into: &record) {
        case .access:
            Self.deliver(&record, to: &sink, stripped, input)
        case .nonAccess(let kind):
            if mayJoin, beginJoinedObject(stripped) { return }
            sink.addNonAccess(kind, line: stripped.content)
        case .malformed(let reason):
            if mayJoin, beginJoinedObject(stripped) { return }
            sink.addMalformed(reason, line: stripped.content, lineNumber: lineNumber)
        }
    }

    /// Holds a line that opens a JSON object left open at its end (the slow path of `{` lines).
    @inline(never)
    private mutating func beginJoinedObject(_ stripped: StrippedLine) -> Bool {
        guard stripped.content.count > 0, stripped.content[0] == UInt8(ascii: "{"),
              input.joiner.begin(stripped) else { return false }
        input.joining = true
        return true
    }

    /// Hands the parsed record to the sink. Both are passed in place (two disjoint stored
    /// properties): reading `record` while `sink` is being mutated would otherwise copy it. A line
    /// without a prefix naming its pod takes the pod its input's path names.
    @inline(__always)
    private static func deliver(_ record: inout AccessRecord, to sink: inout Sink, _ line: StrippedLine,
                                _ input: borrowing InputState) {
        if line.pod.count == 0, let pod = input.pathPod {
            sink.add(record, line: line.content, source: pod.bytes, container: input.pathContainer?.bytes ?? line.container)
        } else {
            sink.add(record, line: line.content, source: line.pod, container: line.container)
        }
    }

    /// True while a record is incomplete: fragments wait for the line that ends their record, or a
    /// JSON object printed over several lines is still open, so the lines that follow may change how
    /// they are counted. A part of a split file that ends like this was split inside a record (see
    /// `ReportIngest`).
    public var hasPendingRecord: Bool {
        input.heldFragments > 0 || input.joining || input.joiner.lines > 0
    }

    /// Reads `source` to its end (and `finish`es it), reporting to `progress` after every chunk.
    public mutating func consume(_ source: ByteSource, progress: IngestProgress? = nil) throws {
        try read(source, progress: progress)
        finish()
    }

    /// Starts `source` as a new input and reads it to its end without `finish`ing it (a record may
    /// still be pending), reporting to `progress` after every chunk. Call `finish()` for the
    /// previous input first.
    public mutating func read(_ source: ByteSource, progress: IngestProgress? = nil) throws {
        startInput(path: source.name)
        var reader = LineReader(source: source)
        if let progress {
            var lastBytes: Int64 = 0, lastLines = 0
            reader.onProgress = { bytes, lines in
                progress.add(bytes: bytes - lastBytes, lines: lines - lastLines)
                lastBytes = bytes
                lastLines = lines
            }
            defer { progress.add(bytes: 0, lines: reader.linesRead - lastLines) }
            try reader.forEachLine { line, truncated in
                process(line, truncated: truncated)
            }
        } else {
            try reader.forEachLine { line, truncated in
                process(line, truncated: truncated)
            }
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
