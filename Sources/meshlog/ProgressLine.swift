import Glibc
import AccessLog
import Analysis
import Synchronization

/// The progress line `meshlog report` keeps on stderr while it reads a long input, in the way of
/// pv and curl: one line redrawn in place (`\r`, erase to the end of the line), shown only when
/// stderr is a terminal and the run takes more than about a second, and erased when reading ends.
///
///     meshlog: 84.2 MiB of 120.0 MiB (70%) · 612,345 lines · 41.3 MiB/s · ETA 0:01
///
/// Sizes are known for regular files (gzip: the compressed size, compared with the compressed bytes
/// read); for pipes the line shows what was read and the rate, without a total or ETA.
final class ProgressLine: Sendable {
    private let progress: IngestProgress
    private let delayMs: Int64
    private let stopped = Atomic<Bool>(false)
    private let exited = Atomic<Bool>(false)

    /// A progress line for `progress`, or nil when stderr is not a terminal or `quiet`.
    static func make(for progress: IngestProgress, quiet: Bool) -> ProgressLine? {
        guard !quiet, isatty(2) == 1, ProcessEnvironment.value("TERM") != "dumb" else { return nil }
        return ProgressLine(progress: progress, delayMs: 1000)
    }

    init(progress: IngestProgress, delayMs: Int64) {
        self.progress = progress
        self.delayMs = delayMs
    }

    /// Starts redrawing (after the delay) on its own thread.
    func start() {
        let started = Self.nowMs()
        ThreadRunner.detach { [self] in
            var drawn = false
            var lastDrawMs: Int64 = 0
            while !stopped.load(ordering: .relaxed) {
                usleep(50_000)
                let now = Self.nowMs()
                let elapsed = now - started
                guard elapsed >= delayMs, now - lastDrawMs >= 250, !stopped.load(ordering: .relaxed) else { continue }
                write("\r" + fitted(text(elapsedMs: elapsed)) + "\u{1B}[K")
                drawn = true
                lastDrawMs = now
            }
            if drawn { write("\r\u{1B}[K") }
            exited.store(true, ordering: .releasing)
        }
    }

    /// Stops and erases the line; returns once it is gone.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        while !exited.load(ordering: .acquiring) { usleep(5_000) }
    }

    /// `84.2 MiB of 120.0 MiB (70%) · 612,345 lines · 41.3 MiB/s · ETA 0:01`.
    func text(elapsedMs: Int64) -> String {
        let bytes = progress.bytes
        let seconds = Double(max(elapsedMs, 1)) / 1000
        let rate = Double(bytes) / seconds
        var parts: [String] = []
        if let total = progress.totalBytes, total > 0 {
            let share = Format.percent(min(1, Double(bytes) / Double(total)), decimals: 0)
            parts.append("\(Format.bytes(bytes)) of \(Format.bytes(total)) (\(share))")
        } else {
            parts.append("\(Format.bytes(bytes)) read")
        }
        parts.append("\(Format.thousands(progress.lines)) lines")
        parts.append("\(Format.byteRate(rate))")
        if let total = progress.totalBytes, rate > 0, bytes < total {
            parts.append("ETA " + Format.stopwatch(seconds: Int((Double(total - bytes) / rate).rounded(.up))))
        }
        return "meshlog: " + parts.joined(separator: " · ")
    }

    /// Cut to the terminal's width less one column, so the line never wraps.
    private func fitted(_ text: String) -> String {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1 else { return text }
        return String(text.prefix(Int(size.ws_col) - 1))
    }

    private func write(_ text: String) {
        CommandErrors.writeStandardError(text)
    }

    private static func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
