import Glibc
import AccessLog

/// Why standard output could not be written.
enum OutputError: Error {
    /// The reader went away (`meshlog report big.log | head`): the command ends quietly, status 0.
    case readerClosed
    /// write(2) failed with this errno (a full disk, a revoked terminal).
    case failed(Int32)
}

/// Buffered writes to stdout. A failed write throws `OutputError`; `CommandErrors` decides what
/// it means (a closed pipe ends the program quietly with status 0 instead of a crash).
final class StandardOutput: @unchecked Sendable {
    // Only touched from the main thread.
    static let shared = StandardOutput()
    private var buffer: [UInt8] = []
    /// Set by the first failed write; later writes are dropped and throw it again.
    private(set) var failure: OutputError?

    static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

    func write(_ text: String) throws(OutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Large byte arrays (a JSON report of 8 MB at mesh scale) go out directly after what is
    /// buffered, without a copy into the buffer: the copy was the report's peak memory twice over.
    func write(bytes: [UInt8]) throws(OutputError) {
        guard bytes.count >= 1 << 16 else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 16 { try flush() }
            return
        }
        try flush()
        try writeAll(bytes)
    }

    func flush() throws(OutputError) {
        defer { buffer.removeAll(keepingCapacity: failure == nil) }
        try writeAll(buffer)
    }

    /// Writes every byte of `bytes` to fd 1 (after a failure: throws it again, writes nothing).
    private func writeAll(_ bytes: [UInt8]) throws(OutputError) {
        if let failure { throw failure }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let error: OutputError = errno == EPIPE ? .readerClosed : .failed(errno)
                failure = error
                throw error
            }
            offset += n
        }
    }

    /// True when stdout is a terminal.
    static var isTerminal: Bool { isatty(1) == 1 }
}
