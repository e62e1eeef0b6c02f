/// A cache from a line's serialised key (`LineKey`) to the `LineKeys` and `Signature` it resolved
/// to. Lines of the same kind repeat the same key, so one hash and one comparison replace about ten
/// table lookups and a dozen counter updates.
///
/// A hit changes nothing but the entry's *pending* count and values; the aggregator later counts
/// the entry's keys and signature `pending` times at once (`drainPending`), before anything reads,
/// admits into or prunes a table — so the cache never changes a result, only its cost. Hits are
/// verified byte for byte. Each entry remembers the key epoch at which its references were known to
/// be live (the aggregator bumps the epoch whenever a table may have evicted a key).
///
/// Layout: one 64-byte-aligned allocation (`Slab`) of `stride`-byte entries, so that a hit touches a few adjacent
/// cache lines (the tag line, the entry's header and pending values, its key) instead of several
/// parallel arrays. 4-way set associative: a key lives in one of the four entries of its set, whose
/// 64-bit tags (hash | 1; 0 for unused) share one cache line. Memory: `entries × LineKeyCacheLayout.stride` (448) bytes, on
/// first use.
///
/// Entry layout: `LineKeyCacheLayout` (named offsets derived from the stored types' sizes).
struct LineKeyCache: Sendable {
    let entryCount: Int
    static let stride = LineKeyCacheLayout.stride
    static let ways = 4
    private typealias L = LineKeyCacheLayout
    private static let keyOffset = L.key, keysOffset = L.keys, signatureOffset = L.signature
    private var tags: [UInt64] = []
    /// The entries (nil until the first `store`); copied on write like an array.
    private var slab: Slab?
    /// Entries whose pending count is not zero.
    private var dirty: [Int32] = []

    init(entries: Int) {
        precondition(LineKeyCacheLayout.fits, "LineKeyCacheLayout: an entry no longer holds its fields")
        var n = 1
        while n < entries { n <<= 1 }
        entryCount = entries > 0 ? max(n, Self.ways) : 0
    }

    var isEnabled: Bool { entryCount > 0 }
    var hasPending: Bool { !dirty.isEmpty }

    /// Entry memory: one 64-byte-aligned allocation, shared by copies of the cache until one of
    /// them writes (`mutableEntries` copies it first, as an array would).
    final class Slab: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let byteCount: Int

        init(byteCount: Int) {
            self.byteCount = byteCount
            base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
            base.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        }

        func copy() -> Slab {
            let c = Slab(byteCount: byteCount)
            c.base.copyMemory(from: base, byteCount: byteCount)
            return c
        }

        deinit { base.deallocate() }
    }

    /// The entries for writing: this cache's own copy.
    @inline(__always)
    private mutating func mutableEntries() -> UnsafeMutableRawPointer {
        if !isKnownUniquelyReferenced(&slab) { slab = slab?.copy() }
        return slab.unsafelyUnwrapped.base
    }

    /// The entry holding the `length`-byte key at `key` (hash `hash`), or -1.
    @inline(__always)
    func find(_ key: UnsafeRawPointer, length: Int, hash: UInt64) -> Int {
        guard !tags.isEmpty else { return -1 }
        let set = Int(truncatingIfNeeded: hash) & (entryCount &- 1) & ~(Self.ways &- 1)
        let tag = hash | 1
        let base = UnsafeRawPointer(slab.unsafelyUnwrapped.base)
        return tags.withUnsafeBufferPointer { t in
            for i in set..<(set &+ Self.ways) where t[i] == tag {
                let e = base + i &* Self.stride
                if Int(e.load(fromByteOffset: L.keyLength, as: UInt16.self)) == length
                    && LineKey.equal(e + Self.keyOffset, key, length: length) {
                    return i
                }
            }
            return -1
        }
    }

    @inline(__always) func epoch(at i: Int) -> UInt32 { load(i, 4, as: UInt32.self) }
    @inline(__always) func keys(at i: Int) -> LineKeys { load(i, Self.keysOffset, as: LineKeys.self) }
    @inline(__always) func signature(at i: Int) -> Signature {
        Signature(words: (load(i, Self.signatureOffset, as: UInt64.self), load(i, Self.signatureOffset &+ 8, as: UInt64.self)))
    }

    @inline(__always)
    private func load<T: BitwiseCopyable>(_ i: Int, _ offset: Int, as: T.Type) -> T {
        UnsafeRawPointer(slab.unsafelyUnwrapped.base).load(fromByteOffset: i &* Self.stride &+ offset, as: T.self)
    }

    /// Counts one more occurrence of entry `i`, whose references are live at `epoch`, and keeps the
    /// line's values from `f`. True when the entry's value buffer is full: the caller then records
    /// `takeValues(i)`.
    @inline(__always)
    mutating func recordHit(_ i: Int, epoch: UInt32, values f: LineFacts) -> Bool {
        let e = mutableEntries() + i &* Self.stride
        let pending = e.load(as: UInt32.self) &+ 1
        e.storeBytes(of: pending, as: UInt32.self)
        e.storeBytes(of: epoch, toByteOffset: L.epoch, as: UInt32.self)
        let k = Int(e.load(fromByteOffset: L.valuesKept, as: UInt8.self))
        e.storeBytes(of: PendingValues.clamped(f.durationMs), toByteOffset: L.durations &+ k &* 4, as: UInt32.self)
        e.storeBytes(of: PendingValues.clamped(f.upstreamServiceTimeMs), toByteOffset: L.serviceTimes &+ k &* 4, as: UInt32.self)
        e.storeBytes(of: UInt8(truncatingIfNeeded: k &+ 1), toByteOffset: L.valuesKept, as: UInt8.self)
        if f.attempts > e.load(fromByteOffset: L.maxAttempts, as: Int32.self) { e.storeBytes(of: f.attempts, toByteOffset: L.maxAttempts, as: Int32.self) }
        e.storeBytes(of: e.load(fromByteOffset: L.bytesReceived, as: Int64.self) &+ f.bytesReceived, toByteOffset: L.bytesReceived, as: Int64.self)
        e.storeBytes(of: e.load(fromByteOffset: L.bytesSent, as: Int64.self) &+ f.bytesSent, toByteOffset: L.bytesSent, as: Int64.self)
        if pending == 1 { dirty.append(Int32(i)) }
        return k &+ 1 == PendingValues.capacity
    }

    /// Entry `i`'s pending per-line values, now cleared.
    mutating func takeValues(_ i: Int) -> PendingValues {
        let e = mutableEntries() + i &* Self.stride
        let values = PendingValues(
            count: Int(e.load(fromByteOffset: L.valuesKept, as: UInt8.self)), durations: UnsafeRawPointer(e + L.durations),
            serviceTimes: UnsafeRawPointer(e + L.serviceTimes), bytesReceived: e.load(fromByteOffset: L.bytesReceived, as: Int64.self),
            bytesSent: e.load(fromByteOffset: L.bytesSent, as: Int64.self), maxAttempts: e.load(fromByteOffset: L.maxAttempts, as: Int32.self))
        Self.clearValues(e)
        return values
    }

    private static func clearValues(_ e: UnsafeMutableRawPointer) {
        e.storeBytes(of: 0 as UInt8, toByteOffset: L.valuesKept, as: UInt8.self)
        e.storeBytes(of: Int32.min, toByteOffset: L.maxAttempts, as: Int32.self)
        e.storeBytes(of: 0 as Int64, toByteOffset: L.bytesReceived, as: Int64.self)
        e.storeBytes(of: 0 as Int64, toByteOffset: L.bytesSent, as: Int64.self)
    }

    /// Remembers `keys` and `signature` for the `length`-byte key at `key` (at most
    /// `LineKey.capacity`). The caller drains pending counts first, so overwriting an entry loses
    /// nothing.
    mutating func store(_ key: UnsafeRawPointer, length: Int, hash: UInt64, keys: LineKeys, signature: Signature,
                        epoch: UInt32) {
        guard entryCount > 0, length > 0, length <= LineKey.capacity else { return }
        if tags.isEmpty {
            tags = Array(repeating: 0, count: entryCount)
            slab = Slab(byteCount: entryCount * Self.stride)
        }
        let set = Int(truncatingIfNeeded: hash) & (entryCount - 1) & ~(Self.ways - 1)
        // The first unused way, else the least recently validated one.
        var i = set
        for j in set..<(set + Self.ways) {
            if tags[j] == 0 { i = j; break }
            if self.epoch(at: j) < self.epoch(at: i) { i = j }
        }
        precondition(load(i, 0, as: UInt32.self) == 0, "LineKeyCache.store over pending counts")
        tags[i] = hash | 1
        do {
            let e = mutableEntries() + i * Self.stride
            e.storeBytes(of: 0 as UInt32, as: UInt32.self)
            e.storeBytes(of: epoch, toByteOffset: L.epoch, as: UInt32.self)
            e.storeBytes(of: UInt16(length), toByteOffset: L.keyLength, as: UInt16.self)
            Self.clearValues(e)
            (e + Self.keyOffset).copyMemory(from: key, byteCount: length)
            e.storeBytes(of: keys, toByteOffset: Self.keysOffset, as: LineKeys.self)
            let (w0, w1) = signature.words
            e.storeBytes(of: w0, toByteOffset: Self.signatureOffset, as: UInt64.self)
            e.storeBytes(of: w1, toByteOffset: Self.signatureOffset + 8, as: UInt64.self)
        }
    }

    /// Hands every pending count, with the entry's keys, signature and pending values, to `body` and
    /// clears them.
    mutating func drainPending(_ body: (LineKeys, Signature, Int, PendingValues) -> Void) {
        for i in dirty {
            let n = Int(load(Int(i), 0, as: UInt32.self))
            let values = takeValues(Int(i))
            mutableEntries().storeBytes(of: 0 as UInt32, toByteOffset: Int(i) * Self.stride, as: UInt32.self)
            if n > 0 { body(keys(at: Int(i)), signature(at: Int(i)), n, values) }
        }
        dirty.removeAll(keepingCapacity: true)
    }
}
