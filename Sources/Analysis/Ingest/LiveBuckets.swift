import AccessLog

/// The live reader's aggregation: a running total of everything, plus 10-second buckets of log time
/// so the UI can show the last 1 or 5 minutes as well.
///
/// Every line is counted twice: into the running total (the "all" window, which is what the view
/// shows by default, with the recent-lines ring) and into the *open* bucket. A record's time is its
/// end (`START_TIME + DURATION`, when Envoy wrote the line); lines without a time count at the newest
/// time seen. When a record belongs to a later bucket, the open bucket is *sealed* and kept while it
/// is inside the longest window. The sealed buckets share a budget of keys (`sealedBudget`, about the
/// bounds of one aggregator, weighed by what a key costs): the newest keep all their keys for as
/// long as the budget lasts and older ones are trimmed to what is left, so the last minute stays
/// exact at mesh scale (500 clusters × 20 hosts a bucket: the newest six sealed buckets keep every
/// host, the newest twenty every cluster) while the oldest buckets of the 5-minute window lose their
/// lightest keys first. A window over buckets that had to drop keys is approximate and says so.
/// Records that arrive late for an already sealed bucket are counted in the open one, so a window's
/// edge is exact to one bucket (10 s) plus the lateness of such records. Inputs without any log time
/// fall back to arrival time (see `advance(toArrivalMs:)`).
///
/// A fresh bucket starts with cold key tables, so buckets are sealed at most every
/// `minSealIntervalMs` of wall time: when log time runs much faster than the clock (replaying a
/// file or a backlog at hundreds of thousands of lines a second) a bucket spans several 10-second
/// slots, and a window then starts at the first slot of its oldest bucket (`windowed` reports
/// where). A live stream, whose log time follows the clock, always gets 10-second buckets.
///
/// Costs: two `Aggregator.add`s per line; a compaction per sealed bucket; per publication a snapshot
/// of the running total (no copy), and for a window the merge of the sealed buckets in it (cached until
/// the next seal) plus the open one; a seal may trim one or two older buckets. Memory: the running
/// total, the open bucket, and ≤ 30 sealed buckets (together within `sealedBudget`).
struct LiveBuckets: RecordSink {
    static let bucketMs: Int64 = 10_000
    /// Sealed buckets kept: enough for the longest window.
    static let keptBuckets = Int((LiveWindow.allCases.compactMap(\.milliseconds).max() ?? 0) / bucketMs)

    let limits: AggregatorLimits
    let minSealIntervalMs: Int64
    /// Everything, counted as it arrives (the "all" window and the recent-lines ring).
    private(set) var running: Aggregator
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

    init(limits: AggregatorLimits, minSealIntervalMs: Int64 = 20) {
        self.limits = limits
        self.minSealIntervalMs = minSealIntervalMs
        running = Aggregator(limits: limits)
        open = Aggregator(limits: Self.bucketLimits(limits))
    }

    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        if record.startTimeMs >= 0 {
            let index = (record.startTimeMs &+ max(0, record.durationMs)) / Self.bucketMs
            if !sawLogTime { switchToLogTime(index: index) }
            moveTo(index: index)
        }
        running.add(record, line: line, source: source, container: container)
        open.add(record, line: line, source: source, container: container)
    }

    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) {
        running.addNonAccess(kind, line: line)
        open.addNonAccess(kind, line: line)
    }

    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {
        running.addMalformed(reason, line: line, lineNumber: lineNumber)
        open.addMalformed(reason, line: line, lineNumber: lineNumber)
    }

    /// The open bucket's limits: the aggregator's, without the recent-lines ring (the running total
    /// keeps it).
    static func bucketLimits(_ limits: AggregatorLimits) -> AggregatorLimits {
        var l = limits
        l.recentLines = 0
        l.recentLineBytes = 0
        return l
    }

    /// For inputs without log times: buckets follow the wall clock instead.
    mutating func advance(toArrivalMs ms: Int64) {
        if !sawLogTime { moveTo(index: ms / Self.bucketMs) }
    }

    /// Everything counted so far, its pending counts settled (no copy: the running total is shared
    /// with the caller until either changes).
    mutating func total() -> Aggregator {
        running.flushPendingKeyCounts()
        return running
    }

    /// The buckets that reach into `window` merged (the recent-lines ring is the open bucket's
    /// only), and the log time the oldest of them starts at; nil for `.all`.
    mutating func windowed(_ window: LiveWindow) -> (aggregator: Aggregator, startMs: Int64)? {
        guard let length = window.milliseconds else { return nil }
        let current = openIndex ?? 0
        let startIndex = current - length / Self.bucketMs + 1
        if windowCache?.window != window || windowCache?.startIndex != startIndex {
            var base = Aggregator(limits: Self.bucketLimits(limits))
            var first = openFirstIndex ?? current
            for bucket in sealed where bucket.index >= startIndex {
                base.merge(bucket.aggregator)
                first = min(first, bucket.first)
            }
            windowCache = (window, base, startIndex, first)
        }
        var result = windowCache?.base ?? Aggregator(limits: Self.bucketLimits(limits))
        // Settled in place: merging a bucket with pending counts settles a copy of it, and that
        // copy's first write copies the bucket's line-key cache (up to 14 MiB) at every publication.
        open.flushPendingKeyCounts()
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
        open = Aggregator(limits: Self.bucketLimits(limits))
        guard bucket.linesSeen > 0, let index = openIndex else { return }
        let first = openFirstIndex ?? index
        bucket.flushPendingKeyCounts()
        sealed.append((first, index, compacted(bucket)))
        let oldest = index - Int64(Self.keptBuckets) + 1
        if let first = sealed.firstIndex(where: { $0.index >= oldest }), first > 0 {
            sealed.removeFirst(first)
        }
        fitSealedBuckets()
        windowCache = nil
    }

    /// What the sealed buckets may hold together, weighed by what a key costs there (measured on live
    /// streams of 500 clusters × 20 hosts and of adversarial keys): three fifths of the hosts bound
    /// (an upstream host costs most, about 1 KiB with its histogram and payload); twice the pod-link
    /// bound (a link costs about 40 bytes, and a minute of a large mesh has 100,000 of them); the
    /// bounds of clusters, client pods and unpaired cancels; four times those of methods, paths and
    /// the other string tables, which cost little and which every bucket of a large mesh fills (1,500
    /// methods and 500 authorities in 10 seconds). Peak RSS of the live view stays within 256 MiB on
    /// both streams (`scripts/rss-check.sh`).
    static func sealedBudget(_ limits: AggregatorLimits) -> KeyLoad {
        var budget = KeyLoad(bounds: limits)
        budget.hosts = budget.hosts * 3 / 5
        budget.podLinks *= 2
        budget.methods *= 4
        budget.paths *= 4
        budget.keys *= 4
        return budget
    }

    /// Shares the budget out, newest bucket first: a bucket keeps every key while the budget lasts,
    /// and a bucket past it is trimmed to what is left (at least `KeyLoad.trimFloor` keys per table:
    /// its lightest keys fold into "other", so windows over it say they are approximate). Buckets keep
    /// what they were trimmed to; the budget a bucket frees when it leaves the windows goes to later
    /// ones.
    private mutating func fitSealedBuckets() {
        var left = Self.sealedBudget(limits)
        let floor = KeyLoad(uniform: KeyLoad.trimFloor)
        for i in sealed.indices.reversed() {
            var load = sealed[i].aggregator.keyLoad
            // A bucket already within the floor is not trimmed (and rebuilt) again at every seal.
            let allowed = left.combined(with: floor, max)
            if !load.fits(in: allowed) {
                sealed[i].aggregator.trim(to: allowed.asBounds(of: limits))      // in place: no copy
                sealed[i].aggregator = compacted(sealed[i].aggregator)
                load = sealed[i].aggregator.keyLoad
            }
            left = left.combined(with: load) { max(0, $0 - $1) }
        }
    }

    /// `bucket` without its line-key cache and with arrays sized to its live keys.
    private func compacted(_ bucket: Aggregator) -> Aggregator {
        bucket.compacted(limits: Self.bucketLimits(limits).withoutKeyCache)
    }
}
