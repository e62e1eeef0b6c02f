import Glibc
import AccessLog

/// What a SIGBUS means for meshlog, and what it does about it.
///
/// The input library reads plain files through memory maps (`FileWindow`); when a mapped file
/// shrinks under the reader (a log rotated with `copytruncate` during `meshlog report`), touching
/// a vanished page raises SIGBUS. meshlog maps nothing but its inputs, so that is what a SIGBUS
/// means here: one line on standard error and exit status 2, the status of every other unreadable
/// input, instead of a crash report. The live view's crash handler restores the terminal first
/// and then hands the signal on to this handler.
enum InputFaultPolicy {
    /// Installs the handler; called once at startup.
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            // Only async-signal-safe calls here: write(2) and _exit(2).
            let message: StaticString = "meshlog: an input file shrank while it was being read (truncated or rotated); no report\n"
            _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
            _exit(2)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGBUS, &action, nil)
    }
}
