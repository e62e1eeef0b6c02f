import AccessLog
import Glibc
import Synchronization

/// How far `ReportIngest` has read, updated by its reader threads after every chunk and read by a
/// progress display on another thread.
public final class IngestProgress: Sendable {
    /// Input bytes read so far (compressed bytes for gzip files).
    public var bytes: Int64 { bytesRead.load(ordering: .relaxed) }
    /// Lines read so far.
    public var lines: Int { linesRead.load(ordering: .relaxed) }
    /// The total input size when every input is a regular file (gzip: its compressed size).
    public let totalBytes: Int64?

    private let bytesRead = Atomic<Int64>(0)
    private let linesRead = Atomic<Int>(0)

    public init(totalBytes: Int64?) {
        self.totalBytes = totalBytes
    }

    /// Adds what one reader read since its last report.
    public func add(bytes: Int64, lines: Int) {
        if bytes != 0 { bytesRead.add(bytes, ordering: .relaxed) }
        if lines != 0 { linesRead.add(lines, ordering: .relaxed) }
    }

    /// The summed sizes of `paths` when each is a regular file (`-` only when stdin is one), else nil.
    public static func totalSize(of paths: [String]) -> Int64? {
        var total: Int64 = 0
        for path in paths {
            var info = stat()
            let rc = path == "-" ? fstat(0, &info) : stat(path, &info)
            guard rc == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            total += Int64(info.st_size)
        }
        return total
    }
}
