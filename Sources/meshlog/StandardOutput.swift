import AccessLog

/// Buffered writes to stdout. A closed pipe (`meshlog report big.log | head`) ends the program
/// quietly with status 0 instead of a crash or an error message.
final class StandardOutput: @unchecked Sendable {
    // Only touched from the main thread.
    static let shared = StandardOutput()
    private var buffer: [UInt8] = []

    static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }   // the reader went away: stop quietly
                CommandErrors.printError("cannot write output: \(String(cString: strerror(errno)))")
                exit(2)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// True when stdout is a terminal.
    static var isTerminal: Bool { isatty(1) == 1 }
}
