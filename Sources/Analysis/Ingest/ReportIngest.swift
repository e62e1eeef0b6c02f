import AccessLog

/// Reads whole inputs for `meshlog report`: every file (or stdin) to its end, splitting large
/// plain files over the cores (by byte ranges, or by cluster for a large mesh: `SplitStrategy`),
/// then merging the aggregators.
public struct ReportIngest: Sendable {
    /// Input paths; `-` is stdin. Empty means stdin.
    public var inputs: [String]
    /// The user's Envoy format string, if any.
    public var customFormat: String?
    /// Threads to parse one large file with.
    public var jobs: Int
    public var limits: AggregatorLimits
    /// Files smaller than this are not split.
    public var splitThreshold: Int64 = 8 << 20
    /// The least bytes per part when a file is split (tests lower it with `splitThreshold`).
    public var minimumPartSize: Int64 = 4 << 20
    /// Where the readers report how far they got (for a progress line), if anywhere.
    public var progress: IngestProgress?
    /// How a large file is split over `jobs` threads; nil: chosen per file from its first lines
    /// (`SplitStrategy.choose`).
    public var splitStrategy: SplitStrategy?

    public init(inputs: [String], customFormat: String?, jobs: Int, limits: AggregatorLimits = .report) {
        self.inputs = inputs.isEmpty ? ["-"] : inputs
        self.customFormat = customFormat
        self.jobs = max(1, jobs)
        self.limits = limits
    }

    /// Reads everything. Throws `InputError` for an input that cannot be read, `FormatError` for a
    /// bad custom format; hands what was wrong with an input that could still be read to `warn`
    /// (on the calling thread, once the input is read).
    public func run(warn: (InputWarning) -> Void = { _ in }) throws -> Aggregator {
        let parser = try makeParser()
        // Every input is counted into this one aggregator: a second aggregator of the same mesh
        // merged into it would double the memory (two files of one large mesh took 97 MiB).
        var total = Aggregator(limits: limits)
        // Parts 1… of the files split by cluster: they stay apart until every input was read, so
        // that each file's part k goes on counting the same clusters without a copy of them.
        var clusterParts: [Aggregator] = []
        var linesBefore = 0
        for path in inputs {
            linesBefore += try ingest(path: path, into: &total, clusterParts: &clusterParts, parser: parser,
                                      lineBase: linesBefore, warn: warn)
        }
        for part in clusterParts { total.merge(part) }
        // Settled here, in place (`snapshot()` of an aggregator with pending counts settles a copy),
        // and the key cache's memory freed before the snapshot is built.
        total.releaseKeyCache()
        return total
    }

    private func makeParser() throws -> LineParser {
        if let customFormat { return try LineParser(customFormat: customFormat) }
        return LineParser()
    }

    /// Counts the lines of `path` into `total`, or for a file split by cluster into `total` and
    /// `clusterParts` (`lineBase` lines came before); returns its lines.
    private func ingest(path: String, into total: inout Aggregator, clusterParts: inout [Aggregator], parser: LineParser,
                        lineBase: Int, warn: (InputWarning) -> Void) throws -> Int {
        let source = try ByteSource(path: path)
        if jobs > 1, !source.isCompressed, let size = source.size, size >= splitThreshold {
            // The split's readers make caches of their own.
            total.releaseKeyCache()
            let strategy = try splitStrategy ?? SplitStrategy.choose(path: path, parser: parser, parts: jobs, limits: limits)
            if strategy == .byCluster {
                let lines = try ingestByCluster(path: path, size: size, into: &total, clusterParts: &clusterParts,
                                                parser: parser, lineBase: lineBase)
                // Its reader's cache was capped to a share; a next input read whole gets the full one.
                total.capKeyCache(entries: limits.keyCacheEntries)
                return lines
            }
            guard let part = try ingestInParallel(path: path, parser: parser, lineBase: lineBase) else {
                return try read(ByteSource(path: path), into: &total, parser: parser, lineBase: lineBase, progress: nil)
            }
            total.merge(part.aggregator)
            return part.lines
        }
        let lines = try read(source, into: &total, parser: parser, lineBase: lineBase, progress: progress)
        source.warnings.forEach(warn)
        return lines
    }

    /// Reads `source` to its end with one reader, counting into `total` in place; returns its lines.
    private func read(_ source: ByteSource, into total: inout Aggregator, parser: LineParser, lineBase: Int,
                      progress: IngestProgress?) throws -> Int {
        var processor = LineProcessor(parser: parser, sink: Aggregator(limits: limits), lineBase: lineBase)
        swap(&processor.sink, &total)
        defer { swap(&processor.sink, &total) }
        try processor.consume(source, progress: progress)
        return processor.lineNumber - lineBase
    }

    /// Parses the parts of a split file on one thread each. A part whose last record is still
    /// incomplete (fragments whose end lies in the next part, which the splitter could not avoid)
    /// would make the next part count lines differently than one reader does; then nil is returned
    /// and the caller reads the file again with one reader (its bytes are not reported to `progress`
    /// a second time), so a line's category never depends on where the file was split.
    private func ingestInParallel(path: String, parser: LineParser, lineBase: Int) throws -> (aggregator: Aggregator, lines: Int)? {
        // A part never starts inside a JSON record printed over several lines.
        let ranges = try JSONObjectBoundary.adjust(try FileSplitter.ranges(path: path, parts: jobs, minimumPartSize: minimumPartSize), path: path)
        let progress = self.progress
        let limits = self.limits
        let results = Self.runParts(ranges.count, path: path) { index in
            let source = try ByteSource(path: path, byteRange: ranges[index])
            var processor = LineProcessor(parser: parser, limits: limits)
            try processor.read(source, progress: progress)
            let pending = processor.hasPendingRecord
            processor.finish()
            // In place, before the parts wait to be merged: one line-key cache (up to 14 MiB)
            // per part would otherwise stay allocated until the end.
            processor.sink.releaseKeyCache()
            return (aggregator: processor.aggregator, lines: processor.lineNumber, pending: pending)
        }
        var total = Aggregator(limits: limits)
        var lines = 0
        for index in ranges.indices {
            guard let outcome = results[index] else { continue }
            if try outcome.get().pending, index + 1 < ranges.count { return nil }
        }
        for index in ranges.indices {
            // Taken out of the results: the merged total then holds the only reference to the first
            // part's tables and grows them in place instead of copying them.
            guard let outcome = results.take(index) else { continue }
            let part = try outcome.get()
            var aggregator = part.aggregator
            aggregator.offsetLineNumbers(by: lineBase + lines)
            total.merge(aggregator)
            lines += part.lines
        }
        return (total, lines)
    }

    /// Reads the file `jobs` times at once, each reader counting the lines of its own clusters
    /// (`ClusterPartitionSink`), up to the size it had when the reading began (so all readers see
    /// the same lines). Reader 0 goes on counting into `total`, reader k into `clusterParts[k - 1]`
    /// (each moved to its thread and back, not copied), so that the files of one mesh keep one set
    /// of keys between them. Only reader 0 reports progress: each reads every byte. Returns the
    /// file's lines.
    private func ingestByCluster(path: String, size: Int64, into total: inout Aggregator, clusterParts: inout [Aggregator],
                                 parser: LineParser, lineBase: Int) throws -> Int {
        let parts = jobs
        let progress = self.progress
        let limits = self.limits
        let running = PartResults<Aggregator>(count: parts)
        running.set(0, total)
        for k in 1..<parts { running.set(k, k - 1 < clusterParts.count ? clusterParts[k - 1] : Aggregator(limits: limits)) }
        total = Aggregator(limits: limits)
        clusterParts = []
        let results = Self.runParts(parts, path: path) { part in
            let source = try ByteSource(path: path, byteRange: 0..<size)
            // Taken straight into the sink: a second reference would make its first write copy
            // every table.
            let sink = ClusterPartitionSink(part: part, of: parts, counting: running.take(part) ?? Aggregator(limits: limits))
            var processor = LineProcessor(parser: parser, sink: consume sink, lineBase: lineBase)
            try processor.consume(source, progress: part == 0 ? progress : nil)
            processor.sink.releaseKeyCache()
            return (aggregator: processor.sink.aggregator, lines: processor.lineNumber - lineBase)
        }
        var lines = 0
        for part in 0..<parts {
            guard let outcome = results.take(part) else { continue }
            let counted = try outcome.get()
            if part == 0 { total = counted.aggregator } else { clusterParts.append(counted.aggregator) }
            lines = max(lines, counted.lines)
        }
        return lines
    }

    /// Runs `body` for each of `count` parts on a thread of its own and returns what each gave (an
    /// error other than `InputError` becomes a read failure of `path`).
    private static func runParts<Part: Sendable>(_ count: Int, path: String, _ body: @escaping @Sendable (Int) throws -> Part)
        -> PartResults<Result<Part, InputError>> {
        let results = PartResults<Result<Part, InputError>>(count: count)
        ThreadRunner.runAll((0..<count).map { index in
            {
                let outcome: Result<Part, InputError>
                do {
                    outcome = .success(try body(index))
                } catch let error as InputError {
                    outcome = .failure(error)
                } catch {
                    outcome = .failure(InputError(.readFailed, path: path, detail: "\(error)"))
                }
                results.set(index, outcome)
            }
        })
        return results
    }
}

/// One result per part of a split file, each written by its part's thread and read once all of
/// them were joined (`ThreadRunner.runAll` returns after `pthread_join`). Distinct slots need no
/// lock; a `Mutex` here drew a ThreadSanitizer race report when two parts finished together (its
/// contended path apparently synchronizes in the kernel, which TSan does not see).
private final class PartResults<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    /// Stores part `index`'s result; called by that part's thread only.
    func set(_ index: Int, _ value: Value) { slots[index] = value }

    /// Part `index`'s result, once every part's thread has ended.
    subscript(index: Int) -> Value? { slots[index] }

    /// Part `index`'s result, moved out (its slot is empty afterwards).
    func take(_ index: Int) -> Value? {
        defer { slots[index] = nil }
        return slots[index]
    }
}
