import Glibc
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
            guard var lineStart = try nextLineStart(fd: source.fileDescriptor, from: guess, size: size, path: path) else { break }
            lineStart = try recordStart(fd: source.fileDescriptor, from: lineStart, size: size, path: path)
            if lineStart > starts[starts.count - 1], lineStart < size { starts.append(lineStart) }
        }
        var ranges: [Range<Int64>] = []
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : size
            ranges.append(start..<end)
        }
        return ranges
    }

    /// The first line start at or after `lineStart` that does not continue a record split into
    /// fragments (CRI `P` records, docker json-file entries without a final newline): a part never
    /// starts inside such a record, so every core joins whole records, as one core would. Looks at
    /// most `maxSkipped` lines ahead; a longer run of fragments is split where the search stopped.
    private static func recordStart(fd: Int32, from lineStart: Int64, size: Int64, path: String,
                                     maxSkipped: Int = 256) throws(InputError) -> Int64 {
        var start = lineStart
        var previous = try line(fd: fd, endingBefore: start, path: path)
        for _ in 0..<maxSkipped {
            var stripper = PrefixStripper()
            let isFragment = previous.withUnsafeBytes { stripper.strip($0).isPartial }
            guard isFragment, start < size else { return start }
            previous = try line(fd: fd, startingAt: start, size: size, path: path)
            guard let next = try nextLineStart(fd: fd, from: start + 1, size: size, path: path) else { return size }
            start = next
        }
        return start
    }

    /// Longest line looked at when deciding whether a line is a fragment (a CRI or docker fragment
    /// holds at most 16 KiB of text, plus its prefix or JSON escaping).
    private static let fragmentWindow = 128 << 10

    /// The line that ends (with its `\n`) right before `end`, without the `\n`; at most
    /// `fragmentWindow` bytes of it (its end). Empty at the start of the file.
    private static func line(fd: Int32, endingBefore end: Int64, path: String) throws(InputError) -> [UInt8] {
        guard end >= 2 else { return [] }
        let from = max(0, end - 1 - Int64(fragmentWindow))
        let bytes = try read(fd: fd, from: from, count: Int(end - 1 - from), path: path)
        guard let newline = bytes.lastIndex(of: 0x0A) else { return bytes }
        return Array(bytes[(newline + 1)...])
    }

    /// The line that starts at `start`, without its `\n`; at most `fragmentWindow` bytes of it.
    private static func line(fd: Int32, startingAt start: Int64, size: Int64, path: String) throws(InputError) -> [UInt8] {
        let bytes = try read(fd: fd, from: start, count: Int(min(Int64(fragmentWindow), size - start)), path: path)
        guard let newline = bytes.firstIndex(of: 0x0A) else { return bytes }
        return Array(bytes[..<newline])
    }

    /// `count` bytes at `offset` (fewer at the end of the file).
    private static func read(fd: Int32, from offset: Int64, count: Int, path: String) throws(InputError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(offset) + off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError.system(.readFailed, path: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return Array(bytes[..<done])
    }

    /// The offset just after the first `\n` at or after `from - 1` (so a boundary that already sits
    /// at a line start stays there), or nil when no newline follows.
    private static func nextLineStart(fd: Int32, from: Int64, size: Int64, path: String) throws(InputError) -> Int64? {
        var position = from - 1
        while position < size {
            let bytes = try read(fd: fd, from: position, count: 64 << 10, path: path)
            if bytes.isEmpty { return nil }
            if let newline = bytes.firstIndex(of: 0x0A) { return position + Int64(newline) + 1 }
            position += Int64(bytes.count)
        }
        return nil
    }
}
