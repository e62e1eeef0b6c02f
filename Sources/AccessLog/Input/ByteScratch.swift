/// A growable byte buffer owned by a `PrefixStripper` (unescaped docker lines, joined CRI records).
/// It grows to the largest line seen and is then reused: no allocation per line.
final class ByteScratch {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Bytes in use.
    var count = 0
    /// Set when an `append` was cut at its limit.
    var overflowed = false
    /// Input lines whose text was kept here as fragments of one record (see `PrefixStripper`).
    var fragments = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// The bytes in use.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for `needed` bytes in total, keeping the contents.
    func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        var grown = capacity
        while grown < needed { grown *= 2 }
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        fresh.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = fresh
        capacity = grown
    }

    /// Appends `bytes`, keeping the total at most `limit` (sets `overflowed` when cut).
    func append(_ bytes: UnsafeRawBufferPointer, limit: Int) {
        let room = max(0, limit - count)
        let n = min(room, bytes.count)
        if n < bytes.count { overflowed = true }
        guard n > 0, let source = bytes.baseAddress else { return }
        reserve(count + n)
        (base + count).copyMemory(from: source, byteCount: n)
        count += n
    }

    /// Appends one byte (the caller has reserved room).
    @inline(__always) func appendReserved(_ byte: UInt8) {
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    func reset() {
        count = 0
        overflowed = false
        fragments = 0
    }
}
