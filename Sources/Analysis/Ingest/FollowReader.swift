import Glibc
import AccessLog

/// Files followed together (`meshlog tui --follow a.log b.log …`): each is polled in turn
/// (`FollowedFile`), its lines go through one `LineProcessor` with that file's own `InputState`
/// swapped in (prefix fragments, open JSON objects and the kubelet pod stay per file).
///
/// `step()` polls every file once without blocking, so tests can drive it file operation by file
/// operation; `FollowReader` runs it on the reader thread.
public struct FollowSession<Sink: RecordSink> {
    public private(set) var files: [FollowedFile]
    private var states: [InputState]
    public var processor: LineProcessor<Sink>
    /// Errors met so far (an unreadable file), newest last; the other files go on being followed.
    public private(set) var errors: [String] = []
    /// Bytes read from every file so far.
    public private(set) var bytesRead: Int64 = 0

    public init(paths: [String], processor: LineProcessor<Sink>) {
        files = paths.map { FollowedFile(path: $0) }
        states = paths.map { InputState(path: $0) }
        self.processor = processor
    }

    /// Polls every file once; returns the bytes read (0: nothing new anywhere).
    @discardableResult
    public mutating func step() -> Int {
        var total = 0
        for index in files.indices {
            let file = files[index]
            processor.swapInput(&states[index])
            do {
                total += try file.poll { line, truncated in processor.process(line, truncated: truncated) }
                if file.state == .readOnce, !states[index].finishedOnce {
                    processor.finish()
                }
            } catch {
                let text = "\(error)"
                if errors.last != text { errors.append(text) }
            }
            processor.swapInput(&states[index])
            if file.state == .readOnce { states[index].finishedOnce = true }
        }
        bytesRead += Int64(total)
        return total
    }

    /// Delivers every file's last line without a newline and any record still open.
    public mutating func finish() {
        for index in files.indices {
            processor.swapInput(&states[index])
            try? files[index].close { line, truncated in processor.process(line, truncated: truncated) }
            processor.finish()
            processor.swapInput(&states[index])
        }
    }

    /// What was wrong with the files that could still be read, in the order the files were given.
    public var warnings: [InputWarning] { files.flatMap(\.warnings) }

    /// The files as the header shows them.
    public var followed: [FollowedInput] {
        files.map { file in
            var name = file.path
            if let names = KubeletPath(path: file.path) {
                name = names.pod + "/" + (file.path.split(separator: "/").last.map(String.init) ?? "")
            }
            return FollowedInput(name: name, state: file.state, rotations: file.rotations + file.truncations)
        }
    }
}

/// Runs a `FollowSession` on the live reader's thread: polls the files about ten times a second
/// when they are idle (at once while they grow), publishes like `LiveReader`, until the UI stops it.
struct FollowReader: Sendable {
    let paths: [String]
    let reader: LiveReader

    func run() {
        let processor = LineProcessor(parser: reader.parser,
                                      sink: LiveBuckets(limits: reader.limits, minSealIntervalMs: reader.sealIntervalMs))
        var session = FollowSession(paths: paths, processor: processor)
        var clock = PublishClock(intervalMs: reader.intervalMs)
        var lastFollowed: [FollowedInput] = []
        var reportedErrors = 0
        var reportedWarnings = 0
        while !reader.store.stopRequested {
            let read = session.step()
            session.processor.sink.advance(toArrivalMs: PublishClock.wallMs())
            if read > 0 { clock.dirty = true }
            let followed = session.followed
            if followed != lastFollowed { clock.dirty = true }
            if session.errors.count != reportedErrors {
                reportedErrors = session.errors.count
                let text = session.errors.last
                reader.store.update { $0.error = text }
            }
            let warnings = session.warnings
            if warnings.count != reportedWarnings {
                let new = Array(warnings[reportedWarnings...])
                reportedWarnings = warnings.count
                reader.store.update { $0.warnings += new }
            }
            let woken = reader.store.takeWakeUp()
            if woken || (clock.dirty && clock.due()) {
                reader.publish(&session.processor, &clock, bytes: session.bytesRead, followed: followed)
                lastFollowed = followed
            }
            if read == 0 { usleep(UInt32(min(reader.intervalMs, 100)) * 1000) }
        }
    }
}
