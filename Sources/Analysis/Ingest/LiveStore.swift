import AccessLog
import Synchronization

/// What the live reader thread publishes for the UI: the latest snapshots and the input's state.
public struct LiveState: Sendable, Equatable {
    /// The latest snapshot of the selected `window` (the whole input for `.all`).
    public var snapshot = Snapshot()
    /// The latest snapshot of the whole input, whatever the window.
    public var total = Snapshot()
    /// The window `snapshot` covers (it may lag a selection by one publication).
    public var window = LiveWindow.all
    /// For a time window: the log time (ms since the epoch) it starts at, as far as the 10-second
    /// buckets allow; nil for `.all`.
    public var windowStartMs: Int64?
    /// Increases with every publication, so the UI can skip work when nothing changed.
    public var generation = 0
    /// Input has ended (EOF on every input); the view stays browsable.
    public var ended = false
    /// An input error that stopped reading (shown in the header), if any.
    public var error: String?
    /// What was wrong with inputs that could still be read (shown after the live view closes).
    public var warnings: [InputWarning] = []
    /// Bytes and lines read so far.
    public var bytesRead: Int64 = 0
    public var linesRead = 0
    /// Lines per second over the last publication interval.
    public var linesPerSecond = 0.0
    /// The files followed (`meshlog tui --follow`), in the order given; empty otherwise.
    public var followed: [FollowedInput] = []
    public init() {}
}

/// A file followed by the live reader, as the header shows it.
public struct FollowedInput: Sendable, Equatable {
    /// The pod and file for a kubelet log file (`frontend-7d9c/0.log`), else the path as given.
    public var name: String
    public var state: FollowedFile.State
    /// Times it was rotated (replaced or truncated) while followed.
    public var rotations: Int

    public init(name: String, state: FollowedFile.State, rotations: Int = 0) {
        self.name = name
        self.state = state
        self.rotations = rotations
    }
}

/// Shared between the reader thread (writer) and the UI thread (reader).
public final class LiveStore: Sendable {
    private let state = Mutex(LiveState())
    private let quit = Atomic<Bool>(false)
    private let selectedWindow = Atomic<Int>(LiveWindow.all.rawValue)
    private let wakeUp = Atomic<Bool>(false)
    private let published = UpdateSignal()

    public init() {}

    /// A copy of the current state (cheap: the snapshot's arrays are copy-on-write).
    public var current: LiveState { state.withLock { $0 } }

    func update(_ body: (inout LiveState) -> Void) {
        state.withLock { body(&$0) }
        published.notify()
    }

    /// Blocks until a published state satisfies `condition` and returns it; nil when `timeoutMs`
    /// passes first. No polling: the reader wakes the caller at every publication.
    public func wait(timeoutMs: Int? = nil, until condition: (LiveState) -> Bool) -> LiveState? {
        var matched: LiveState?
        _ = published.wait(timeoutMs: timeoutMs) {
            let state = current
            if condition(state) { matched = state }
            return matched != nil
        }
        return matched
    }

    /// Blocks until every input has ended and returns that state.
    public func waitUntilEnded() -> LiveState {
        wait { $0.ended }!
    }

    /// Asks the reader to stop at its next wake-up.
    public func requestStop() { quit.store(true, ordering: .relaxed) }
    var stopRequested: Bool { quit.load(ordering: .relaxed) }

    /// Selects the time window the published `snapshot` covers. The reader publishes the new
    /// window at its next wake-up (within one publication interval), also after input ended.
    public func setWindow(_ window: LiveWindow) {
        selectedWindow.store(window.rawValue, ordering: .relaxed)
        wakeUp.store(true, ordering: .relaxed)
    }

    /// The window the UI asked for.
    public var requestedWindow: LiveWindow { LiveWindow(rawValue: selectedWindow.load(ordering: .relaxed)) ?? .all }

    /// True once since the last `setWindow` (the reader re-publishes).
    func takeWakeUp() -> Bool { wakeUp.exchange(false, ordering: .relaxed) }
}
