import AccessLog

/// The live reader's aggregation, cut into 10-second buckets of log time so the UI can show the
/// last 1 or 5 minutes as well as everything.
///
/// Every line is counted once, into the *open* bucket. A record's time is its end
/// (`START_TIME + DURATION`, when Envoy wrote the line); lines without a time count at the newest
/// time seen. When a record belongs to a later bucket, the open bucket is *sealed*: merged into
/// `sealedTotal` once, and kept (without its recent-lines ring and key cache) while it is inside
/// the longest window. Records that arrive late for an already sealed bucket are counted in the
/// open one, so a window's edge is exact to one bucket (10 s) plus the lateness of such records.
/// Inputs without any log time fall back to arrival time (see `advance(toArrivalMs:)`).
///
/// A fresh bucket costs a merge and starts with cold key tables, so buckets are sealed at most every
/// `minSealIntervalMs` of wall time: when log time runs much faster than the clock (replaying a
/// file or a backlog at hundreds of thousands of lines a second) a bucket spans several 10-second
/// slots, and a window then starts at the first slot of its oldest bucket (`windowed` reports
/// where). A live stream, whose log time follows the clock, always gets 10-second buckets.
///
/// Costs: one `Aggregator.add` per line; one merge per sealed bucket; per publication a copy of
/// `sealedTotal` plus one merge (the open bucket), and for a window the merge of the sealed buckets
/// in it (cached until the next seal). Memory: ≤ 30 sealed buckets, each a trimmed aggregator.
struct LiveBuckets: RecordSink {
    static let bucketMs: Int64 = 10_000
    /// Sealed buckets kept: enough for the longest window.
    static let keptBuckets = Int((LiveWindow.allCases.compactMap(\.milliseconds).max() ?? 0) / bucketMs)

    let limits: AggregatorLimits
    let minSealIntervalMs: Int64
    private(set) var sealedTotal: Aggregator
    /// Sealed buckets, oldest first: the first and last 10-second slot each covers.
    private(set) var sealed: [(first: Int64, index: Int64, aggregator: Aggregator)] = []
    private(set) var open: Aggregator
    /// Slot index (time / bucketMs) the open bucket has reached; nil before the first timed line.
    private(set) var openIndex: Int64?
    /// The first slot of the open bucket.
    private(set) var openFirstIndex: Int64?
    private var lastSealMs = PublishClock.nowMs()
    /// True once a record carried a log time; then arrival time is never used.
    private(set) var sawLogTime = false
    private var windowCache: (window: LiveWindow, base: Aggregator, startIndex: Int64, first: Int64)?

    /// What one sealed bucket may keep: a tenth of each bound, so the thirty buckets of the longest
    /// window hold at most three aggregators' worth of keys (the total beside them stays exact).
    static func bucketBounds(_ limits: AggregatorLimits) -> AggregatorLimits { limits.scaled(by: 10) }

    init(limits: AggregatorLimits, minSealIntervalMs: Int64 = 20) {
        self.limits = limits
        self.minSealIntervalMs = minSealIntervalMs
        sealedTotal = Aggregator(limits: limits)
        open = Aggregator(limits: limits)
    }

    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        if record.startTimeMs >= 0 {
            let index = (record.startTimeMs &+ max(0, record.durationMs)) / Self.bucketMs
            if !sawLogTime { switchToLogTime(index: index) }
            moveTo(index: index)
        }
        open.add(record, line: line, source: source, container: container)
    }

    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) {
        open.addNonAccess(kind, line: line)
    }

    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {
        open.addMalformed(reason, line: line, lineNumber: lineNumber)
    }

    /// For inputs without log times: buckets follow the wall clock instead.
    mutating func advance(toArrivalMs ms: Int64) {
        if !sawLogTime { moveTo(index: ms / Self.bucketMs) }
    }

    /// Everything counted so far.
    func total() -> Aggregator {
        var total = sealedTotal
        total.merge(open)
        return total
    }

    /// The buckets that reach into `window` merged (the recent-lines ring is the open bucket's
    /// only), and the log time the oldest of them starts at; nil for `.all`.
    mutating func windowed(_ window: LiveWindow) -> (aggregator: Aggregator, startMs: Int64)? {
        guard let length = window.milliseconds else { return nil }
        let current = openIndex ?? 0
        let startIndex = current - length / Self.bucketMs + 1
        if windowCache?.window != window || windowCache?.startIndex != startIndex {
            var base = Aggregator(limits: limits)
            var first = openFirstIndex ?? current
            for bucket in sealed where bucket.index >= startIndex {
                base.merge(bucket.aggregator)
                first = min(first, bucket.first)
            }
            windowCache = (window, base, startIndex, first)
        }
        var result = windowCache?.base ?? Aggregator(limits: limits)
        result.merge(open)
        return (result, (windowCache?.first ?? current) * Self.bucketMs)
    }

    /// The first timed record: buckets so far followed arrival time, which is another clock; the
    /// open bucket is re-labelled with log time, and arrival-time buckets leave the windows (they
    /// stay counted in the total).
    private mutating func switchToLogTime(index: Int64) {
        sawLogTime = true
        openIndex = index
        openFirstIndex = index
        sealed.removeAll()
        windowCache = nil
    }

    private mutating func moveTo(index: Int64) {
        guard let current = openIndex else {
            openIndex = index
            openFirstIndex = index
            return
        }
        guard index > current else { return }
        let now = PublishClock.nowMs()
        if minSealIntervalMs > 0 && now - lastSealMs < minSealIntervalMs {
            openIndex = index            // log time runs ahead of the clock: this bucket grows
            return
        }
        lastSealMs = now
        seal()
        openIndex = index
        openFirstIndex = index
    }

    private mutating func seal() {
        var bucket = open
        open = Aggregator(limits: limits)
        guard bucket.linesSeen > 0, let index = openIndex else { return }
        let first = openFirstIndex ?? index
        bucket.flushPendingKeyCounts()
        sealedTotal.merge(bucket)
        bucket.recent = RecentLineRing(entryCapacity: 0, byteCapacity: 0)
        bucket.keyCache = LineKeyCache(entries: 0)
        bucket.trim(to: Self.bucketBounds(limits))
        sealed.append((first, index, bucket))
        let oldest = index - Int64(Self.keptBuckets) + 1
        if let first = sealed.firstIndex(where: { $0.index >= oldest }), first > 0 {
            sealed.removeFirst(first)
        }
        windowCache = nil
    }
}
