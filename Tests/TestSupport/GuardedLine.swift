#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs code on a copy of a line that touches an inaccessible page: right before the line's first
/// byte, or right after its last. A parser that reads even one byte outside the line crashes the
/// test instead of going unnoticed (the reader's buffers may end exactly where a line ends).
public enum GuardedLine {
    /// Where the inaccessible page is.
    public enum Guard: CaseIterable, Sendable { case before, after }

    /// Calls `body` with `bytes` (at most one page) placed against the guard page.
    public static func with<R>(_ bytes: [UInt8], guard side: Guard, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        precondition(bytes.count <= page, "a guarded line must fit in one page")
        let region = mmap(nil, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let region, region != MAP_FAILED else { fatalError("mmap failed") }
        defer { munmap(region, 3 * page) }
        mprotect(region, page, PROT_NONE)
        mprotect(region + 2 * page, page, PROT_NONE)
        let start = side == .before ? region + page : region + 2 * page - bytes.count
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { start.copyMemory(from: from, byteCount: bytes.count) }
        }
        return body(UnsafeRawBufferPointer(start: start, count: bytes.count))
    }

    /// Calls `body` once per guard side.
    public static func withEach(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) {
        for side in Guard.allCases { with(bytes, guard: side, body) }
    }
}
