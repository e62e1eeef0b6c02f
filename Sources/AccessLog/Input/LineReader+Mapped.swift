import Glibc

extension LineReader {
    /// Splits the file bytes `start..<end` of a mappable source (`ByteSource.mappableRange`) into
    /// lines read straight from a `FileWindow`, with the same lines, cuts and `\r` handling as the
    /// read(2) path, and no copy. Each window starts at the line being read, so a line never has to
    /// be joined from two windows; a window is longer than `maxLineLength + 1`, so every window
    /// either completes a line or proves it over-long.
    ///
    /// A plain file that grew while it was read is followed to its new end, as read(2) would.
    /// Returns false, having delivered nothing, when the first map fails (the caller then reads);
    /// if a later map fails, the source is positioned after the last delivered line and the
    /// reading goes on with read(2) (also by returning false).
    mutating func forEachMappedLine(from start: Int64, to initialEnd: Int64,
                                    _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> Bool {
        var window = FileWindow(fileDescriptor: source.fileDescriptor)
        // Longer than `maxLineLength + 1`, so that every window completes a line or proves it over-long;
        // no longer, because a window's pages count in the resident memory of each reader thread.
        let span = Int64(chunkSize) + Int64(maxLineLength) + 1
        var position = start   // the first byte not yet delivered or skipped
        var end = initialEnd
        while true {
            let windowEnd = min(end, position + span)
            guard let bytes = window.map(from: position, to: windowEnd) else {
                source.finishMapped(at: position)
                return false
            }
            bytesRead = windowEnd - start
            let consumed = try splitWindow(bytes, body)
            position += Int64(consumed)
            if let onProgress { onProgress(position - start, linesRead) }
            if windowEnd < end { continue }
            if let now = source.mappableEnd(), now > end {
                end = now
                continue
            }
            // The real end: what is left is a last line without a newline.
            let tail = bytes.count - consumed
            if tail > 0 && !skippingRestOfLine, let base = bytes.baseAddress {
                try deliver(base, from: consumed, to: bytes.count, body)
            }
            position = end
            break
        }
        skippingRestOfLine = false
        finished = true
        window.unmap()
        source.finishMapped(at: position)
        return true
    }

    /// Delivers every line that ends inside `bytes` and returns how many bytes that consumed. A
    /// last unfinished line longer than `maxLineLength + 1` is delivered cut and then skipped to
    /// its newline (all of `bytes` is consumed).
    private mutating func splitWindow(_ bytes: UnsafeRawBufferPointer,
                                      _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var lineStart = 0
        if skippingRestOfLine {
            guard let newline = memchr(base, 0x0A, count) else { return count }
            skippingRestOfLine = false
            lineStart = base.distance(to: UnsafeRawPointer(newline)) + 1
        }
        while lineStart < count, let hit = memchr(base + lineStart, 0x0A, count - lineStart) {
            let newline = base.distance(to: UnsafeRawPointer(hit))
            try deliver(base, from: lineStart, to: newline, body)
            lineStart = newline + 1
        }
        if count - lineStart > maxLineLength + 1 {
            // Longer than the cap even if its last byte is the `\r` of a `\r\n`: cut it now.
            linesRead += 1
            try body(UnsafeRawBufferPointer(start: base + lineStart, count: maxLineLength), true)
            skippingRestOfLine = true
            return count
        }
        return lineStart
    }
}
