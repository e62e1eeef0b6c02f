@preconcurrency import Glibc
import Testing
@testable import TerminalUI

/// Tests that touch the process-wide quit flag and signal handlers run one at a time.
@Suite(.serialized) struct SignalStateTests {}

extension SignalStateTests {
    @Suite struct TerminalGuardTests {
        @Test func requestAndResetQuit() {
            TerminalGuard.resetQuitRequest()
            #expect(!TerminalGuard.quitRequested)
            TerminalGuard.requestQuit()
            #expect(TerminalGuard.quitRequested)
            #expect(TerminalGuard.quitSignal == nil)
            TerminalGuard.resetQuitRequest()
            #expect(!TerminalGuard.quitRequested)
        }

        @Test func quitSignalsSetTheFlagInsteadOfKillingTheProcess() {
            TerminalGuard.resetQuitRequest()
            TerminalGuard.activate()
            defer { TerminalGuard.deactivate(); TerminalGuard.resetQuitRequest() }
            // The test runner's threads block signals; unblock SIGTERM on this thread just for the raise.
            var only = sigset_t(), previous = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &only, &previous)
            raise(SIGTERM)                                   // without the handler, this would end the test run
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            #expect(TerminalGuard.quitRequested)
            #expect(TerminalGuard.quitSignal == SIGTERM)
        }

        @Test func deactivateGivesTheSignalsBack() {
            TerminalGuard.activate()
            TerminalGuard.deactivate()
            var current = sigaction()
            sigaction(SIGINT, nil, &current)
            let handler = current.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) } ?? 0
            #expect(handler == 0 || handler == 1)            // SIG_DFL or SIG_IGN, whatever the runner had
        }

        @Test func crashHandlersAreInstalled() {
            TerminalGuard.activate()
            defer { TerminalGuard.deactivate() }
            for sig in TerminalGuard.crashSignals {
                var current = sigaction()
                sigaction(sig, nil, &current)
                let handler = current.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) } ?? 0
                #expect(handler > 1, "signal \(sig)")         // neither SIG_DFL nor SIG_IGN
            }
        }

        @Test func restoringWithoutCursesDoesNothing() {
            let before = cursesActive.load(ordering: .relaxed)
            TerminalGuard.restoreIfActive()                  // must not call endwin without a screen
            let after = cursesActive.load(ordering: .relaxed)
            #expect(!before && !after)
        }
    }
}
