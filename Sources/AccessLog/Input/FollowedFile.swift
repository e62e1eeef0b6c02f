import Glibc
/// One file read to its end and then followed by name, as `tail -F` does: new lines are read as
/// they are appended; when the file is renamed and a new one created under the name (logrotate,
/// the kubelet), the old one is read to its end and the new one from its start; when it is
/// truncated in place (copytruncate), it is read again from its start; a file that does not exist
/// yet is opened once it appears. gzip files (rotated logs) are read once, whole.
///
/// A line is delivered once it is complete (its `\n` was written); a last line without one is
/// delivered when the file is replaced or at `close()`. `poll` never blocks: call it again later.
/// Not thread-safe: one thread polls.
public final class FollowedFile {
    /// Where a followed file stands.
    public enum State: Sendable, Equatable {
        /// There is no file by that name (yet).
        case waiting
        /// Open and followed.
        case following
        /// A gzip file, read once to its end.
        case readOnce
    }

    public let path: String
    public private(set) var state = State.waiting
    /// Times the file was replaced under its name, or truncated, since it was first opened.
    public private(set) var rotations = 0
    public private(set) var truncations = 0
    /// What was wrong with the file that could still be read (trailing garbage after gzip data).
    public private(set) var warnings: [InputWarning] = []
    /// Lines longer than this are delivered cut, with `truncated == true`.
    let maxLineLength: Int

    private var fd: Int32 = -1
    private var device: UInt64 = 0
    private var inode: UInt64 = 0
    private var offset: Int64 = 0
    /// The start of a line whose `\n` has not been written yet.
    private var carry: [UInt8] = []
    private var skippingRestOfLine = false
    private var buffer: [UInt8]

    public init(path: String, chunkSize: Int = 1 << 20, maxLineLength: Int = 1 << 20) {
        self.path = path
        self.maxLineLength = max(1, maxLineLength)
        buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Reads what is new (at most about `budget` bytes) and calls `body` for every line it completes.
    /// Returns the number of bytes read (0: nothing new). A gzip file is read whole on the first call.
    @discardableResult
    public func poll(budget: Int = 8 << 20,
                     _ body: (UnsafeRawBufferPointer, _ truncated: Bool) throws -> Void) throws -> Int {
        if state == .readOnce { return 0 }
        if fd < 0 {
            guard try open(body) else { return 0 }
            if state == .readOnce { return 1 }
        }
        var info = stat()
        if fstat(fd, &info) == 0, Int64(info.st_size) < offset {
            // Truncated in place (copytruncate): what was written since is at its start.
            truncations += 1
            try flushCarry(body)
            offset = 0
        }
        var (total, atEnd) = try readAvailable(budget: budget, body)
        if atEnd, replacedUnderName() {
            total += try readAvailable(budget: Int.max, body).0   // what the writer added before the switch
            try flushCarry(body)
            Glibc.close(fd)
            fd = -1
            state = .waiting
            rotations += 1
            if try open(body) { total += try readAvailable(budget: budget, body).0 + 1 }
        }
        return total
    }

    /// Delivers a last line that has no `\n` and closes the file.
    public func close(_ body: (UnsafeRawBufferPointer, _ truncated: Bool) throws -> Void) throws {
        if fd >= 0 {
            try flushCarry(body)
            Glibc.close(fd)
            fd = -1
        }
    }

    /// Opens the file by name; false when there is none. A gzip file is read whole here.
    private func open(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> Bool {
        var opened: Int32
        repeat { opened = Glibc.open(path, O_RDONLY | O_CLOEXEC) } while opened < 0 && errno == EINTR
        guard opened >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return false }
            throw InputError.system(.cannotOpen, path: path, errno: code)
        }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            Glibc.close(opened)
            return false
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(opened)
            throw InputError(.isDirectory, path: path)
        }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { pread(opened, $0.baseAddress, 2, 0) }
        if n == 2, magic.0 == 0x1F, magic.1 == 0x8B {
            Glibc.close(opened)
            let source = try ByteSource(path: path)
            var reader = LineReader(source: source)
            try reader.forEachLine(body)
            warnings += source.warnings
            state = .readOnce
            return true
        }
        fd = opened
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        offset = 0
        state = .following
        return true
    }

    /// True when the name now points to another file, or to none (renamed or removed).
    private func replacedUnderName() -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        return UInt64(info.st_dev) != device || UInt64(info.st_ino) != inode
    }

    /// Reads up to about `budget` bytes; also tells whether the file's current end was reached.
    private func readAvailable(budget: Int, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> (Int, Bool) {
        var total = 0
        while total < budget {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError.system(.readFailed, path: path, errno: errno)
            }
            if n == 0 { return (total, true) }
            offset += Int64(n)
            total += n
            try split(n, body)
        }
        return (total, false)
    }

    /// Delivers the complete lines in `buffer[0..<count]` (after `carry`), keeping the rest.
    private func split(_ count: Int, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        try buffer.withUnsafeBytes { bytes in
            var start = 0
            while start < count {
                guard let newline = bytes[start..<count].firstIndex(of: 0x0A) else { break }
                if skippingRestOfLine {
                    skippingRestOfLine = false
                } else if carry.isEmpty {
                    try deliver(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]), body)
                } else {
                    carry.append(contentsOf: bytes[start..<newline])
                    try carry.withUnsafeBytes { try deliver($0, body) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            guard start < count, !skippingRestOfLine else { return }
            carry.append(contentsOf: bytes[start..<count])
            if carry.count > maxLineLength + 1 {
                let cap = maxLineLength
                try carry.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<cap]), true) }
                carry.removeAll(keepingCapacity: true)
                skippingRestOfLine = true
            }
        }
    }

    private func flushCarry(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        skippingRestOfLine = false
        guard !carry.isEmpty else { return }
        try carry.withUnsafeBytes { try deliver($0, body) }
        carry.removeAll(keepingCapacity: true)
    }

    /// One line without its `\n`: a trailing `\r` removed, cut to `maxLineLength`.
    private func deliver(_ line: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        var count = line.count
        if count > 0, line[count - 1] == 0x0D { count -= 1 }
        let truncated = count > maxLineLength
        try body(UnsafeRawBufferPointer(rebasing: line[0..<min(count, maxLineLength)]), truncated)
    }
}
