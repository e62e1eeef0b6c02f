import Glibc
import AccessLog

/// The live reader: parses input as it arrives on its own thread and publishes snapshots into a
/// `LiveStore` about four times a second (and once more when input ends). A stalled input still
/// publishes (poll(2) with a timeout), so the last lines of a slow stream show up promptly. After
/// the input ends the thread stays (asleep in short naps) to re-publish when the UI selects another
/// time window, until `LiveStore.requestStop()`.
public struct LiveIngest: Sendable {
    public var inputs: [String]
    public var customFormat: String?
    public var limits: AggregatorLimits
    /// Milliseconds between publications.
    public var publishIntervalMs: Int
    /// Least wall time between two sealed time-window buckets (see `LiveBuckets`); 0: every
    /// 10 seconds of log time gets its own bucket however fast the input is.
    var bucketSealIntervalMs = 20
    /// Follow the input files by name as `tail -F` does (`FollowedFile`): read to the end, then
    /// read what is appended, across rotation, and open files that do not exist yet. Stdin is not
    /// followed (give files).
    public var follow = false

    public init(inputs: [String], customFormat: String?, limits: AggregatorLimits = .default,
                publishIntervalMs: Int = 250) {
        self.inputs = inputs.isEmpty ? ["-"] : inputs
        self.customFormat = customFormat
        self.limits = limits
        self.publishIntervalMs = publishIntervalMs
    }

    /// Opens the inputs (so a bad file or format fails here, before any screen is drawn) and
    /// starts the reader thread.
    public func start() throws -> LiveStore {
        let parser = try customFormat.map { try LineParser(customFormat: $0) } ?? LineParser()
        let sources = follow ? [] : try inputs.map { try ByteSource(path: $0) }
        let store = LiveStore()
        let job = LiveReader(sources: SourceList(sources), parser: parser, limits: limits,
                             intervalMs: publishIntervalMs, sealIntervalMs: Int64(bucketSealIntervalMs), store: store)
        if follow {
            let follower = FollowReader(paths: inputs, reader: job)
            ThreadRunner.detach { follower.run() }
        } else {
            ThreadRunner.detach { job.run() }
        }
        return store
    }
}

/// Hands the (non-Sendable) byte sources to the reader thread, which becomes their only user.
final class SourceList: @unchecked Sendable {
    let sources: [ByteSource]
    init(_ sources: [ByteSource]) { self.sources = sources }
}

struct LiveReader: Sendable {
    let sources: SourceList
    let parser: LineParser
    let limits: AggregatorLimits
    let intervalMs: Int
    let sealIntervalMs: Int64
    let store: LiveStore

    func run() {
        var processor = LineProcessor(parser: parser, sink: LiveBuckets(limits: limits, minSealIntervalMs: sealIntervalMs))
        var clock = PublishClock(intervalMs: intervalMs)
        var bytes: Int64 = 0
        for source in sources.sources {
            var reader = LineReader(source: source)
            processor.startInput(path: source.name)
            do {
                while !store.stopRequested {
                    let woken = store.takeWakeUp()
                    if !source.hasBufferedData && !waitReadable(source.fileDescriptor) {
                        processor.sink.advance(toArrivalMs: PublishClock.wallMs())
                        if clock.dirty || woken { publish(&processor, &clock, bytes: bytes + reader.bytesRead) }
                        continue
                    }
                    let more = try reader.readChunk { line, truncated in processor.process(line, truncated: truncated) }
                    processor.sink.advance(toArrivalMs: PublishClock.wallMs())
                    clock.dirty = true
                    if woken || clock.due() { publish(&processor, &clock, bytes: bytes + reader.bytesRead) }
                    if !more { break }
                }
            } catch {
                store.update { $0.error = "\(error)" }
            }
            processor.finish()
            let warnings = source.warnings
            if !warnings.isEmpty { store.update { $0.warnings += warnings } }
            bytes += reader.bytesRead
            if store.stopRequested { return }
        }
        publish(&processor, &clock, bytes: bytes, ended: true)
        while !store.stopRequested {
            usleep(UInt32(min(intervalMs, 100)) * 1000)
            if store.takeWakeUp() { publish(&processor, &clock, bytes: bytes, ended: true) }
        }
    }

    private func waitReadable(_ fd: Int32) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let rc = poll(&pfd, 1, Int32(intervalMs))
        return rc != 0   // readable, hung up, or an error that read(2) will report
    }

    func publish(_ processor: inout LineProcessor<LiveBuckets>, _ clock: inout PublishClock,
                 bytes: Int64, ended: Bool = false, followed: [FollowedInput]? = nil) {
        let started = PublishClock.nowMs()
        defer { clock.published(costMs: PublishClock.nowMs() - started) }
        let total = processor.sink.total().snapshot()
        let window = store.requestedWindow
        var snapshot = total
        var windowStart: Int64?
        if let (aggregator, startMs) = processor.sink.windowed(window) {
            snapshot = aggregator.snapshot()
            snapshot.recentLines = total.recentLines.filter { line in
                line.startTimeMs < 0 || line.startTimeMs + max(0, Int64(line.durationMs)) >= startMs
            }
            windowStart = startMs
        }
        let lines = processor.lineNumber
        let rate = ended ? 0 : clock.rate(lines: lines)
        store.update {
            $0.snapshot = snapshot
            $0.total = total
            $0.window = window
            $0.windowStartMs = windowStart
            $0.generation += 1
            $0.bytesRead = bytes
            $0.linesRead = lines
            $0.linesPerSecond = rate
            if let followed { $0.followed = followed }
            if ended { $0.ended = true }
        }
        clock.dirty = false
    }
}

/// Decides when to publish and measures the line rate between publications. A publication that
/// takes long (a snapshot of a hundred thousand hosts) stretches the interval to three times its cost,
/// so that the reader spends at least three quarters of its time reading whatever the input.
struct PublishClock {
    let intervalMs: Int
    private var effectiveIntervalMs: Int64
    var dirty = false
    private var lastMs = PublishClock.nowMs()
    private var lastLines = 0
    private var lastRateMs = PublishClock.nowMs()

    init(intervalMs: Int) {
        self.intervalMs = intervalMs
        effectiveIntervalMs = Int64(intervalMs)
    }

    mutating func due() -> Bool {
        let now = Self.nowMs()
        if now - lastMs >= effectiveIntervalMs { lastMs = now; return true }
        return false
    }

    /// Notes what the last publication cost.
    mutating func published(costMs: Int64) {
        effectiveIntervalMs = min(5_000, max(Int64(intervalMs), costMs * 3))
    }

    mutating func rate(lines: Int) -> Double {
        let now = Self.nowMs()
        let elapsed = max(1, now - lastRateMs)
        let rate = Double(lines - lastLines) * 1000 / Double(elapsed)
        lastLines = lines
        lastRateMs = now
        return rate
    }

    static func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Wall-clock time in ms since the epoch (arrival time for inputs without log times).
    static func wallMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
