import AccessLog

/// The last few access lines, copied, waiting to be counted: the aggregator counts a line once
/// `capacity - 1` newer lines have arrived, so that the line-key cache's set (and then the entry) of a
/// line can be prefetched while the lines before it are counted (`Aggregator.add`). A hit otherwise
/// waits on two dependent misses (the set's tags, then the entry) in a cache of megabytes.
///
/// Lines are counted in the order they came, so deferring changes no count;
/// `Aggregator.flushPendingKeyCounts` counts them before anything reads the counts. A line too long
/// for a slot is counted at once, after the lines before it.
struct DeferredLines: Sendable {
    /// What the aggregator read from a line's record, and its line key.
    struct Line: Sendable {
        var ranges: RecordRanges
        var facts: LineFacts
        var requestId: FieldRange
        var lineLength = 0
        var sourceLength = 0
        var containerLength = 0
        /// The key's length in the slot's scratch (0: not cacheable) and its hash.
        var keyLength = 0
        var hash: UInt64 = 0
    }

    /// Lines kept (a power of two); the cache set of the newest is prefetched, the entry of the one
    /// `capacity / 2` older, and the oldest is counted.
    static let capacity = 16
    /// Bytes a slot keeps of a line, of its pod and of its container name.
    static let lineBytes = 2048
    static let nameBytes = 256
    private static let sourceOffset = lineBytes
    private static let containerOffset = lineBytes + nameBytes
    private static let keyOffset = lineBytes + 2 * nameBytes
    private static let slotStride = keyOffset + LineKey.scratchBytes

    private var storage: Storage?
    private var lines: [Line] = []
    /// Slot of the oldest line.
    private var oldest = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    var isFull: Bool { count == Self.capacity }

    /// True when a line with these buffers fits a slot.
    static func fits(line: UnsafeRawBufferPointer, source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) -> Bool {
        line.count <= lineBytes && source.count <= nameBytes && container.count <= nameBytes
    }

    /// Copies a line (which `fits`) into the next slot and returns the slot; the caller sets its key
    /// (`setKey`) before anything else happens to the ring. Not to be called when full.
    mutating func push(_ line: UnsafeRawBufferPointer, source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer,
                       ranges: RecordRanges, facts: LineFacts, requestId: FieldRange) -> Int {
        precondition(count < Self.capacity, "DeferredLines.push when full")
        if !isKnownUniquelyReferenced(&storage) { storage = storage?.copy() ?? Storage() }
        let slot = (oldest + count) & (Self.capacity - 1)
        let base = storage.unsafelyUnwrapped.base + slot * Self.slotStride
        Self.copy(line, to: base)
        Self.copy(source, to: base + Self.sourceOffset)
        Self.copy(container, to: base + Self.containerOffset)
        let entry = Line(ranges: ranges, facts: facts, requestId: requestId, lineLength: line.count,
                         sourceLength: source.count, containerLength: container.count)
        if lines.isEmpty { lines = Array(repeating: entry, count: Self.capacity) } else { lines[slot] = entry }
        count += 1
        return slot
    }

    @inline(__always)
    private static func copy(_ bytes: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer) {
        if let b = bytes.baseAddress, bytes.count > 0 { destination.copyMemory(from: b, byteCount: bytes.count) }
    }

    /// The slot `back` lines older than the newest (nil when there is none).
    func slot(fromNewest back: Int) -> Int? {
        back < count ? (oldest + count - 1 - back) & (Self.capacity - 1) : nil
    }

    /// Takes the oldest slot out of the ring; its bytes stay readable until the next `push`.
    mutating func popOldest() -> Int {
        let slot = oldest
        oldest = (oldest + 1) & (Self.capacity - 1)
        count -= 1
        return slot
    }

    subscript(slot: Int) -> Line { lines[slot] }

    mutating func setKey(_ slot: Int, length: Int, hash: UInt64) {
        lines[slot].keyLength = length
        lines[slot].hash = hash
    }

    /// The slot's copy of its line, pod and container name, and its key scratch (`LineKey.scratchBytes`,
    /// 16-byte aligned). Valid until the slot is reused.
    func line(_ slot: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base(slot), count: lines[slot].lineLength)
    }
    func source(_ slot: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base(slot) + Self.sourceOffset, count: lines[slot].sourceLength)
    }
    func container(_ slot: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base(slot) + Self.containerOffset, count: lines[slot].containerLength)
    }
    func key(_ slot: Int) -> UnsafeMutableRawPointer { base(slot) + Self.keyOffset }

    private func base(_ slot: Int) -> UnsafeMutableRawPointer { storage.unsafelyUnwrapped.base + slot * Self.slotStride }

    /// The slots' bytes, shared by copies of the ring until one of them pushes (then copied, as an
    /// array would be).
    final class Storage: @unchecked Sendable {
        static let byteCount = DeferredLines.capacity * DeferredLines.slotStride
        let base: UnsafeMutableRawPointer

        init() { base = UnsafeMutableRawPointer.allocate(byteCount: Self.byteCount, alignment: 64) }

        func copy() -> Storage {
            let c = Storage()
            c.base.copyMemory(from: base, byteCount: Self.byteCount)
            return c
        }

        deinit { base.deallocate() }
    }
}
