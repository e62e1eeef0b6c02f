import Glibc
/// Moves the part boundaries of a split file (`FileSplitter.ranges`) so that no part starts inside
/// a JSON record printed over several lines (`JSONObjectJoiner`): each core then joins whole
/// objects, as one core would.
///
/// A boundary is moved forward over the lines that can only be the inside or the end of an object
/// (their text, after any log-tool prefix, starts with whitespace, `"`, `}`, `]` or `,`), so that
/// it lands on a line that starts a record. Moving a boundary never changes what is counted, only
/// which core reads those lines. At most `window` bytes are looked at per boundary.
public enum JSONObjectBoundary {
    public static func adjust(_ ranges: [Range<Int64>], path: String, window: Int = 1 << 20) throws(InputError) -> [Range<Int64>] {
        guard ranges.count > 1, let size = ranges.last?.upperBound else { return ranges }
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw InputError.system(.cannotOpen, path: path, errno: errno) }
        defer { close(fd) }
        var starts: [Int64] = [ranges[0].lowerBound]
        for range in ranges.dropFirst() {
            let moved = try recordStart(fd: fd, from: range.lowerBound, size: size, window: window, path: path)
            if moved > starts[starts.count - 1], moved < size { starts.append(moved) }
        }
        return starts.indices.map { k in starts[k]..<(k + 1 < starts.count ? starts[k + 1] : size) }
    }

    /// The first line start at or after `start` whose text does not continue an object.
    private static func recordStart(fd: Int32, from start: Int64, size: Int64, window: Int,
                                    path: String) throws(InputError) -> Int64 {
        let count = Int(min(Int64(window), size - start))
        guard count > 0 else { return start }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(start) + off_t(done)) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw InputError.system(.readFailed, path: path, errno: errno) }
            if n == 0 { break }
            done += n
        }
        var stripper = PrefixStripper()
        var lineStart = 0
        return bytes.withUnsafeBytes { buffer in
            while lineStart < done {
                guard let newline = buffer[lineStart..<done].firstIndex(of: 0x0A) else { return start }
                let line = UnsafeRawBufferPointer(rebasing: buffer[lineStart..<newline])
                let stripped = stripper.strip(line)
                guard !stripped.isPartial, continuesObject(stripped.content) else { return start + Int64(lineStart) }
                lineStart = newline + 1
            }
            return start + Int64(lineStart)
        }
    }

    /// Text that can only sit inside a multi-line JSON object or close it.
    private static func continuesObject(_ content: UnsafeRawBufferPointer) -> Bool {
        guard let b = content.first else { return false }
        return b == 0x20 || b == 0x09 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "}")
            || b == UInt8(ascii: "]") || b == UInt8(ascii: ",")
    }
}
