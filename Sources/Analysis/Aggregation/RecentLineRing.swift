import AccessLog

/// The most recent access lines, for drill-down: line bytes (and the source prefix) copied into one
/// preallocated byte ring, plus a small fixed-size entry per line. Strings are made only when a
/// snapshot is taken. Bounded by `entryCapacity` lines and `byteCapacity` bytes; a line longer than
/// `maxLineBytes` is kept cut.
struct RecentLineRing: Sendable {
    struct Entry: Sendable {
        var offset: Int32
        var lineLength: Int32
        var sourceLength: Int32
        /// Cluster and host positions inside the copied line.
        var cluster: FieldRange
        var host: FieldRange
        var method: KeyRef
        var flags: ResponseFlags
        var code: Int32
        var grpcStatus: Int16
        var format: LogFormat
        var durationMs: Int64
        var startTimeMs: Int64
        var length: Int { Int(lineLength) + Int(sourceLength) }
    }

    let entryCapacity: Int
    let byteCapacity: Int
    let maxLineBytes: Int
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Index in `entries` of the oldest entry.
    private var head = 0
    private(set) var count = 0
    private var writeOffset = 0

    init(entryCapacity: Int, byteCapacity: Int, maxLineBytes: Int = 4096) {
        self.entryCapacity = max(0, entryCapacity)
        self.byteCapacity = entryCapacity > 0 ? max(byteCapacity, 1024) : 0
        self.maxLineBytes = min(maxLineBytes, self.byteCapacity / 2)
    }

    var isEnabled: Bool { entryCapacity > 0 }

    /// Copies one line. `entry`'s offset and lengths are filled in here.
    mutating func append(line: UnsafeRawBufferPointer, source: UnsafeRawBufferPointer, entry: Entry) {
        guard entryCapacity > 0 else { return }
        if bytes.isEmpty {
            bytes = [UInt8](repeating: 0, count: byteCapacity)
            entries.reserveCapacity(entryCapacity)
        }
        let lineLength = min(line.count, maxLineBytes)
        let sourceLength = min(source.count, 255)
        let total = lineLength + sourceLength
        if writeOffset + total > byteCapacity {
            // Everything between here and the end belongs to the oldest entries: drop them, then wrap.
            while count > 0 && Int(entries[head].offset) >= writeOffset { dropOldest() }
            writeOffset = 0
        }
        while count > 0 && overlaps(entries[head], writeOffset, total) { dropOldest() }
        if count == entryCapacity { dropOldest() }
        bytes.withUnsafeMutableBytes { dst in
            if lineLength > 0 { dst.baseAddress!.advanced(by: writeOffset).copyMemory(from: line.baseAddress!, byteCount: lineLength) }
            if sourceLength > 0 {
                dst.baseAddress!.advanced(by: writeOffset + lineLength).copyMemory(from: source.baseAddress!, byteCount: sourceLength)
            }
        }
        var e = entry
        e.offset = Int32(writeOffset)
        e.lineLength = Int32(lineLength)
        e.sourceLength = Int32(sourceLength)
        if e.cluster.hi > e.lineLength { e.cluster = .absent }
        if e.host.hi > e.lineLength { e.host = .absent }
        // Wrapped without `%` (an integer division per line).
        let slot = head + count >= entryCapacity ? head + count - entryCapacity : head + count
        if slot == entries.count { entries.append(e) } else { entries[slot] = e }
        count += 1
        writeOffset += total
    }

    /// Entries oldest first, each with its line and source bytes (valid only inside `body`).
    func forEach(_ body: (Entry, UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            for i in 0..<count {
                let e = entries[(head + i) % entryCapacity]
                let lo = Int(e.offset), mid = lo + Int(e.lineLength), hi = mid + Int(e.sourceLength)
                body(e, UnsafeRawBufferPointer(rebasing: all[lo..<mid]), UnsafeRawBufferPointer(rebasing: all[mid..<hi]))
            }
        }
    }

    /// Appends every line of `other` (oldest first), re-mapping method references.
    mutating func merge(_ other: RecentLineRing, remapMethod: (KeyRef) -> KeyRef) {
        guard isEnabled else { return }
        other.forEach { e, line, source in
            var copy = e
            copy.method = remapMethod(e.method)
            append(line: line, source: source, entry: copy)
        }
    }

    private func overlaps(_ e: Entry, _ offset: Int, _ length: Int) -> Bool {
        let lo = Int(e.offset), hi = lo + e.length
        return lo < offset + length && offset < hi
    }

    private mutating func dropOldest() {
        head = head + 1 == entryCapacity ? 0 : head + 1
        count -= 1
    }
}
