@preconcurrency import CNcurses
@preconcurrency import Glibc
import Synchronization

// Process-wide state shared with signal handlers. Lock-free atomics are async-signal-safe.
let quitFlag = Atomic<Bool>(false)
let quitSignalNumber = Atomic<Int32>(0)
/// True between a successful `newterm` and the matching `endwin`.
let cursesActive = Atomic<Bool>(false)
let crashHandlersInstalled = Atomic<Bool>(false)

private let signalSlots = 65   // signal numbers on Linux are 1...64
/// Handlers that were in place before ours. Written on the main thread before the corresponding
/// handler is installed, only read afterwards (from handlers or `deactivate`): no data race.
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let slots = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
    slots.initialize(repeating: sigaction(), count: signalSlots)
    return slots
}()

/// Puts the terminal back however the program ends: `q` (the loop returns and the caller closes
/// the ``Terminal``), Ctrl-C / SIGTERM / SIGHUP (a flag the loop checks; a second one while the
/// first is pending restores the terminal and exits at once), `exit()` (an `atexit` hook) and
/// crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT: restore, then hand the
/// signal to whatever handled it before — the Swift runtime's backtracer or the default action).
enum TerminalGuard {
    /// True once SIGINT, SIGTERM or SIGHUP arrived (or ``requestQuit()`` was called).
    static var quitRequested: Bool { quitFlag.load(ordering: .relaxed) }

    /// The signal that asked to quit, if any (for exit status 128 + n).
    static var quitSignal: Int32? {
        let n = quitSignalNumber.load(ordering: .relaxed)
        return n == 0 ? nil : n
    }

    /// Asks the live loop to stop, as a signal would.
    static func requestQuit() { quitFlag.store(true, ordering: .relaxed) }

    /// Clears a previous quit request (tests, or a second UI session in one process).
    static func resetQuitRequest() {
        quitFlag.store(false, ordering: .relaxed)
        quitSignalNumber.store(0, ordering: .relaxed)
    }

    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT]

    /// Installs the handlers; called by `Terminal` before `newterm`, so ncurses sees that SIGINT
    /// and SIGTERM are taken and leaves them alone (it still installs its SIGWINCH and SIGTSTP
    /// handlers). Crash handlers and the `atexit` hook stay for the life of the process.
    static func activate() {
        for sig in quitSignals { install(quitHandler, for: sig, flags: 0) }
        guard !crashHandlersInstalled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for sig in crashSignals { install(crashHandler, for: sig, flags: SA_ONSTACK) }
        atexit { TerminalGuard.restoreIfActive() }
    }

    /// Gives SIGINT, SIGTERM and SIGHUP back to their previous handlers (normally the default),
    /// so Ctrl-C works as usual once the UI is closed.
    static func deactivate() {
        for sig in quitSignals { sigaction(sig, previousActions + Int(sig), nil) }
    }

    /// Leaves curses mode if it is active. Runs at most once per session.
    ///
    /// Called from signal handlers: `endwin` is not async-signal-safe (it writes through stdio and
    /// may take locks), so a crash inside ncurses could hang here. We accept that small risk rather
    /// than leave the user's terminal in raw mode with no cursor.
    static func restoreIfActive() {
        if cursesActive.exchange(false, ordering: .acquiringAndReleasing) { endwin() }
    }

    private static func install(_ handler: @convention(c) (Int32) -> Void, for sig: Int32, flags: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        var previous = sigaction()
        sigaction(sig, &action, &previous)
        if !isOurs(previous) { previousActions[Int(sig)] = previous }   // re-activation keeps the original
    }

    private static func isOurs(_ action: sigaction) -> Bool {
        guard let handler = action.__sigaction_handler.sa_handler else { return false }
        let address = unsafeBitCast(handler, to: Int.self)
        return address == unsafeBitCast(quitHandler as @convention(c) (Int32) -> Void, to: Int.self)
    }
}

private func quitHandler(_ sig: Int32) {
    quitSignalNumber.store(sig, ordering: .relaxed)
    if quitFlag.exchange(true, ordering: .relaxed) {
        // Asked twice: whatever should have noticed the first request is stuck. Leave now.
        TerminalGuard.restoreIfActive()
        _exit(128 + sig)
    }
}

private func crashHandler(_ sig: Int32) {
    TerminalGuard.restoreIfActive()
    // Put back the handler that was there before us (the Swift backtracer or SIG_DFL; never
    // SIG_IGN, which would loop on a hardware fault) and raise again. The signal is blocked while
    // this handler runs, so it is delivered as soon as we return, in the original context.
    var previous = previousActions[Int(sig)]
    if let handler = previous.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) == 1 {
        previous = sigaction()
    }
    sigaction(sig, &previous, nil)
    raise(sig)
}
