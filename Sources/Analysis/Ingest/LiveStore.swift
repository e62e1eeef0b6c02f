import Synchronization

/// What the live reader thread publishes for the UI: the latest snapshot and the input's state.
public struct LiveState: Sendable {
    /// The latest published snapshot.
    public var snapshot = Snapshot()
    /// Increases with every publication, so the UI can skip work when nothing changed.
    public var generation = 0
    /// Input has ended (EOF on every input); the view stays browsable.
    public var ended = false
    /// An input error that stopped reading (shown in the header), if any.
    public var error: String?
    /// Bytes and lines read so far.
    public var bytesRead: Int64 = 0
    public var linesRead = 0
    /// Lines per second over the last publication interval.
    public var linesPerSecond = 0.0
    public init() {}
}

/// Shared between the reader thread (writer) and the UI thread (reader).
public final class LiveStore: Sendable {
    private let state = Mutex(LiveState())
    private let quit = Atomic<Bool>(false)

    public init() {}

    /// A copy of the current state (cheap: the snapshot's arrays are copy-on-write).
    public var current: LiveState { state.withLock { $0 } }

    func update(_ body: (inout LiveState) -> Void) { state.withLock { body(&$0) } }

    /// Asks the reader to stop at its next wake-up.
    public func requestStop() { quit.store(true, ordering: .relaxed) }
    var stopRequested: Bool { quit.load(ordering: .relaxed) }
}
