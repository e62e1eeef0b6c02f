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

    func write(bytes: [UInt8]) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws(OutputError) {
        if let failure {
            buffer.removeAll()
            throw failure
        }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let error: OutputError = errno == EPIPE ? .readerClosed : .failed(errno)
                failure = error
                buffer.removeAll()
                throw error
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// True when stdout is a terminal.
    static var isTerminal: Bool { isatty(1) == 1 }
}
