@preconcurrency import Glibc

/// `pthread_create` failed with this error number.
public struct ThreadStartError: Error, Equatable, Sendable {
    public let code: Int32
}

/// Starts a detached OS thread running `body` — for blocking work such as reading the log from
/// stdin, which must not occupy a Swift concurrency pool thread.
///
/// SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGWINCH are blocked on the new thread (from its first
/// instruction: the mask is inherited), so they are handled on the UI thread and do not interrupt
/// the thread's `read(2)`. `name` (first 15 bytes) shows in `top -H` and debuggers.
public func startThread(name: String, _ body: @escaping @Sendable () -> Void) throws(ThreadStartError) {
    let context = Unmanaged.passRetained(ThreadContext(name: name, body: body)).toOpaque()
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] { sigaddset(&blocked, sig) }
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }

    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { raw in
        guard let raw else { return nil }
        let context = Unmanaged<ThreadContext>.fromOpaque(raw).takeRetainedValue()
        if let setName = LibC.setThreadName {
            _ = setName(pthread_self(), String(decoding: context.name.utf8.prefix(15), as: UTF8.self))
        }
        context.body()
        return nil
    }, context)
    guard rc == 0 else {
        Unmanaged<ThreadContext>.fromOpaque(context).release()
        throw ThreadStartError(code: rc)
    }
    pthread_detach(thread)
}

private final class ThreadContext: Sendable {
    let name: String
    let body: @Sendable () -> Void
    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
