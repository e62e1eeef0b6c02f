/// Splits a plain file into byte ranges of whole lines, so several threads can parse it at once
/// (each through `ByteSource(path:byteRange:)`).
public enum FileSplitter {
    /// Up to `parts` ranges that together cover the file exactly, each starting at the beginning of
    /// a line (right after a `\n`). A file smaller than `minimumPartSize` per part gives fewer
    /// ranges; an empty file gives `[0..<0]`. A gzip file cannot be split and gives one range
    /// `0..<size` (which `ByteSource(path:byteRange:)` accepts). Pipes and `-` throw
    /// `.notSplittable`: read them with `ByteSource(path:)`.
    public static func ranges(path: String, parts: Int, minimumPartSize: Int64 = 4 << 20) throws(InputError) -> [Range<Int64>] {
        if path == "-" { throw InputError(.notSplittable, path: path, detail: "standard input") }
        // stat first: opening a named pipe here would block or steal its data.
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError.system(.cannotOpen, path: path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(.isDirectory, path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputError(.notSplittable, path: path, detail: "not a regular file")
        }
        let source = try ByteSource(path: path)
        guard source.isCompressed == false, let size = source.size else { return [0..<Int64(info.st_size)] }
        let count = Int64(max(1, min(parts, Int(size / max(1, minimumPartSize)))))
        var starts: [Int64] = [0]
        for k in 1..<max(count, 1) {
            let guess = size * k / count
            guard guess > starts[starts.count - 1] else { continue }
            guard let lineStart = try nextLineStart(fd: source.fileDescriptor, from: guess, size: size, path: path) else { break }
            if lineStart > starts[starts.count - 1], lineStart < size { starts.append(lineStart) }
        }
        var ranges: [Range<Int64>] = []
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : size
            ranges.append(start..<end)
        }
        return ranges
    }

    /// The offset just after the first `\n` at or after `from - 1` (so a boundary that already sits
    /// at a line start stays there), or nil when no newline follows.
    private static func nextLineStart(fd: Int32, from: Int64, size: Int64, path: String) throws(InputError) -> Int64? {
        let window = 64 << 10
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: window, alignment: 16)
        defer { buffer.deallocate() }
        var position = from - 1
        while position < size {
            let n = pread(fd, buffer, window, off_t(truncatingIfNeeded: position))
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError.system(.readFailed, path: path, errno: errno)
            }
            if n == 0 { return nil }
            if let hit = memchr(buffer, 0x0A, n) {
                return position + Int64(hit - buffer) + 1
            }
            position += Int64(n)
        }
        return nil
    }
}
