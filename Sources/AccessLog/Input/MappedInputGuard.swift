import Glibc

/// Turns SIGBUS — what the kernel sends when a mapped input file shrinks under the reader (a log
/// rotated with `copytruncate` during `meshlog report`) — into a one-line message on standard error
/// and exit status 2, the status of every other unreadable input, instead of a crash report.
///
/// On x86-64 and arm64 Linux, SIGBUS comes from touching a mapped page past the end of its file;
/// meshlog maps nothing but its input files (`FileWindow`), so that is what it means here.
enum MappedInputGuard {
    /// Installs the handler once per process (the first time a file is mapped).
    static func install() { _ = installed }

    private static let installed: Bool = {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let message: StaticString = "meshlog: an input file shrank while it was being read (truncated or rotated); no report\n"
            _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
            _exit(2)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        return sigaction(SIGBUS, &action, nil) == 0
    }()
}
