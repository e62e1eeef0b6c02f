import Glibc
/// Splits a `ByteSource` into lines.
///
/// Lines are split on `\n`; one trailing `\r` is removed; a last line without a newline is
/// delivered at the end of the input. A line longer than `maxLineLength` is delivered once, cut to
/// its first `maxLineLength` bytes with `truncated == true`, and the rest of it is skipped without
/// being buffered, so memory stays at about `chunkSize + maxLineLength` whatever the input.
///
/// The buffer given to the callback points into the reader's own storage: it is valid only during
/// the call and must not escape.
public struct LineReader: ~Copyable {
    public let source: ByteSource
    public let chunkSize: Int
    let maxLineLength: Int
    /// Bytes read from the source so far (after gzip inflation).
    public internal(set) var bytesRead: Int64 = 0
    /// Lines delivered so far (a truncated line counts once).
    public internal(set) var linesRead: Int = 0
    /// Called after every chunk (or mapped window) with the input bytes consumed so far (for gzip
    /// data: compressed bytes, so that it compares with the file's size) and `linesRead`. For a
    /// progress display; nil (the default) costs nothing.
    public var onProgress: ((_ inputBytes: Int64, _ lines: Int) -> Void)?

    /// Holds the unfinished line (at most `maxLineLength + 1` bytes: room for a `\r`) followed by
    /// one chunk.
    private let storage: UnsafeMutableRawPointer
    let capacity: Int
    /// Bytes of the unfinished line carried over at the start of `storage`.
    var carried = 0
    /// Inside an over-long line that was already delivered: drop bytes up to the next newline.
    var skippingRestOfLine = false
    var finished = false

    public init(source: ByteSource, chunkSize: Int = 1 << 20, maxLineLength: Int = 1 << 20) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
        self.maxLineLength = max(1, maxLineLength)
        self.capacity = self.chunkSize + self.maxLineLength + 1
        self.storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Does one read from the source and calls `body` for every line it completes. At the end of
    /// the input it delivers a last line that has no newline and returns false; otherwise true.
    /// If the source or `body` throws, the error propagates and the reader is finished (later
    /// calls return false).
    public mutating func readChunk(_ body: (UnsafeRawBufferPointer, _ truncated: Bool) throws -> Void) throws -> Bool {
        if finished { return false }
        do {
            let more = try splitOneChunk(body)
            if let onProgress {
                let position = source.isCompressed ? source.filePosition : 0
                onProgress(position > 0 ? position : bytesRead, linesRead)
            }
            return more
        } catch {
            finished = true
            throw error
        }
    }

    /// Calls `body` for every line until the end of the input. A plain regular file (or a byte
    /// range of one) is read through a memory map (`forEachMappedLine`), anything else with reads;
    /// both deliver the same lines.
    public mutating func forEachLine(_ body: (UnsafeRawBufferPointer, _ truncated: Bool) throws -> Void) throws {
        if !finished && carried == 0, let range = source.mappableRange() {
            do {
                if try forEachMappedLine(from: range.start, to: range.end, body) { return }
            } catch {
                finished = true
                throw error
            }
        }
        while try readChunk(body) {}
    }

    private mutating func splitOneChunk(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> Bool {
        let fresh = UnsafeMutableRawBufferPointer(start: storage + carried, count: chunkSize)
        let count = try source.read(into: fresh)
        bytesRead += Int64(count)
        if count == 0 {
            finished = true
            let tail = carried
            carried = 0
            if tail > 0, !skippingRestOfLine { try deliver(from: 0, to: tail, body) }
            skippingRestOfLine = false
            return false
        }
        let end = carried + count
        var lineStart = 0
        var scanFrom = carried   // the carried bytes hold no newline: never rescan them
        if skippingRestOfLine {
            guard let newline = findNewline(from: scanFrom, to: end) else {
                carried = 0
                return true
            }
            skippingRestOfLine = false
            lineStart = newline + 1
            scanFrom = lineStart
        }
        while let newline = findNewline(from: scanFrom, to: end) {
            try deliver(from: lineStart, to: newline, body)
            lineStart = newline + 1
            scanFrom = lineStart
        }
        let tail = end - lineStart
        if tail > maxLineLength + 1 {
            // Longer than the cap even if its last byte is the `\r` of a `\r\n`: cut it now.
            linesRead += 1
            try body(UnsafeRawBufferPointer(start: storage + lineStart, count: maxLineLength), true)
            skippingRestOfLine = true
            carried = 0
        } else {
            if tail > 0, lineStart > 0 { storage.copyMemory(from: storage + lineStart, byteCount: tail) }
            carried = tail
        }
        return true
    }

    private func findNewline(from: Int, to end: Int) -> Int? {
        guard from < end, let hit = memchr(storage + from, 0x0A, end - from) else { return nil }
        return hit - UnsafeMutableRawPointer(storage)
    }

    /// Delivers `storage[from..<to]` (a line without its `\n`), cut to `maxLineLength`.
    private mutating func deliver(from: Int, to: Int, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        try deliver(UnsafeRawPointer(storage), from: from, to: to, body)
    }

    /// Delivers `base[from..<to]` (a line without its `\n`, one trailing `\r` removed), cut to
    /// `maxLineLength`.
    @inline(__always)
    mutating func deliver(_ base: UnsafeRawPointer, from: Int, to: Int,
                          _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        var length = to - from
        if length > 0, base.load(fromByteOffset: to - 1, as: UInt8.self) == 0x0D { length -= 1 }
        let truncated = length > maxLineLength
        if truncated { length = maxLineLength }
        linesRead += 1
        try body(UnsafeRawBufferPointer(start: base + from, count: length), truncated)
    }
}
