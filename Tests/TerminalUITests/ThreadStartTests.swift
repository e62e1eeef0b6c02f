@preconcurrency import Glibc
import Synchronization
import Testing
@testable import TerminalUI

@Suite struct ThreadStartTests {
    final class Probe: Sendable {
        struct Seen { var ran = false; var blocked: [Int32: Bool] = [:]; var name = "" }
        let seen = Mutex(Seen())
    }

    @Test func runsTheBodyOnANamedThreadWithUISignalsBlocked() throws {
        let probe = Probe()
        var callerMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &callerMask)
        let callerBlocksUSR1 = sigismember(&callerMask, SIGUSR1) == 1
        try startThread(name: "meshlog-reader-thread") {
            var mask = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &mask)
            var blocked: [Int32: Bool] = [:]
            for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGUSR1] { blocked[sig] = sigismember(&mask, sig) == 1 }
            let name = Self.currentThreadName()
            probe.seen.withLock { $0 = Probe.Seen(ran: true, blocked: blocked, name: name) }
        }
        for _ in 0..<400 where !probe.seen.withLock({ $0.ran }) { usleep(5_000) }
        let seen = probe.seen.withLock { $0 }
        #expect(seen.ran)
        #expect(seen.blocked[SIGINT] == true && seen.blocked[SIGTERM] == true)
        #expect(seen.blocked[SIGHUP] == true && seen.blocked[SIGWINCH] == true)
        #expect(seen.blocked[SIGUSR1] == callerBlocksUSR1)   // other signals: inherited as they were
        #expect(seen.name == "meshlog-reader-")              // Linux keeps 15 bytes
    }

    @Test func theCallersMaskIsUnchanged() throws {
        var before = sigset_t(), after = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &before)
        try startThread(name: "noop") {}
        pthread_sigmask(SIG_BLOCK, nil, &after)
        #expect(sigismember(&before, SIGINT) == sigismember(&after, SIGINT))
        #expect(sigismember(&before, SIGWINCH) == sigismember(&after, SIGWINCH))
    }

    static func currentThreadName() -> String {
        guard let file = fopen("/proc/thread-self/comm", "r") else { return "" }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = fread(&buffer, 1, buffer.count, file)
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingSuffix("\n")
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
