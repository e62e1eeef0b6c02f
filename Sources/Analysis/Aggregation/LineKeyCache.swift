import CPrefetch
import Glibc

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
/// parallel arrays. 8-way set associative: a key lives in one of the eight entries of its set, whose
/// 64-bit tags (hash | 1; 0 for unused) lie side by side; a new key replaces the least recently
/// used entry of its set. Memory: `entries × LineKeyCacheLayout.stride` (448) bytes, on
/// first use; the cache starts at `initialEntries` and doubles up to `maxEntries` while entries keep
/// being replaced (`shouldGrow`), keeping its entries when it does.
///
/// Entry layout: `LineKeyCacheLayout` (named offsets derived from the stored types' sizes).
struct LineKeyCache: Sendable {
    /// Entries now (a power of two, at least `ways`; 0: disabled).
    private(set) var entryCount: Int
    /// Entries the cache may grow to.
    let maxEntries: Int
    /// Entries written since the cache was made or last grew.
    private var storesSinceGrowth = 0
    /// Lines since the cache was made or last grew whose keys were seen before: hits, and misses
    /// whose keys the tables already knew (`noteRepeatedKeys`), which a larger cache would have hit.
    private var repeatsSinceGrowth = 0
    static let stride = LineKeyCacheLayout.stride
    static let ways = 8
    private typealias L = LineKeyCacheLayout
    private static let keyOffset = L.key, keysOffset = L.keys, signatureOffset = L.signature
    private var tags: [UInt64] = []
    /// The entries (nil until the first `store`); copied on write like an array.
    private var slab: Slab?
    /// Entries whose pending count is not zero.
    private var dirty: [Int32] = []
    /// Ticks once per hit and per store; an entry keeps the tick of its last use (`L.recency`).
    private var clock: UInt32 = 0
    /// Lookups and hits since the hit rate was last judged (`noteLookup`).
    private var windowLookups = 0
    private var windowHits = 0
    /// Lines left in the current bypass (0: the cache is used for every line), and a tick that picks
    /// the lines still looked up during one.
    private var bypassLeft = 0
    private var bypassTick = 0

    /// Lookups over which the hit rate is judged: enough for the entries to turn over eight times
    /// (16,384 for the first 2,048 entries).
    var hitRateWindow: Int { max(1024, entryCount &* 8) }

    /// A cache of `initialEntries` (rounded up to a power of two) that may grow to `maxEntries`; no
    /// cache when `maxEntries` is 0.
    init(entries maxEntries: Int, initialEntries: Int = Self.initialEntries) {
        precondition(LineKeyCacheLayout.fits, "LineKeyCacheLayout: an entry no longer holds its fields")
        let most = maxEntries > 0 ? max(Self.powerOfTwo(atLeast: maxEntries), Self.ways) : 0
        self.maxEntries = most
        entryCount = min(most, max(Self.powerOfTwo(atLeast: initialEntries), Self.ways))
    }

    /// Entries a cache starts with: enough for the distinct line keys of most logs (a few hundred).
    static let initialEntries = 2048

    private static func powerOfTwo(atLeast n: Int) -> Int {
        var p = 1
        while p < n { p <<= 1 }
        return p
    }

    var isEnabled: Bool { entryCount > 0 }
    var hasPending: Bool { !dirty.isEmpty }

    /// True when the cache keeps writing entries — a quarter as many as it holds since it last grew
    /// (growing keeps the entries, so growing early costs only memory) — while keys do repeat, and it
    /// may still grow: the log has more distinct line keys than the cache holds well (a mesh of
    /// thousands of clusters × hosts). The caller then drains every pending count and calls `grow`.
    /// Growing is worth it only when keys come back: at least one line with known keys per 16 entries
    /// written (a log in which every line brings new keys never makes the cache grow).
    var shouldGrow: Bool {
        storesSinceGrowth &* 4 >= entryCount && entryCount < maxEntries && repeatsSinceGrowth &* 16 >= storesSinceGrowth
    }

    /// True when the cache has outgrown what the processor's caches hold (16,384 entries, 7 MiB): a
    /// hit then waits on memory, and deferring lines to prefetch their entries pays (`DeferredLines`).
    var isLarge: Bool { entryCount >= 16_384 }

    /// True when the line should not use the cache at all (no key built, no lookup, nothing stored):
    /// while the cache is bypassed, 15 lines of 16. A log in which (nearly) every line brings new
    /// keys makes every lookup a miss and every miss a store; the cache is then bypassed for up to
    /// `16 × hitRateWindow` lines, while every 16th line still uses it, so that the hit rate keeps
    /// being judged (`noteLookup`). Skipping changes no count, only the cost.
    @inline(__always)
    mutating func shouldSkip() -> Bool {
        guard bypassLeft > 0 else { return false }
        bypassLeft &-= 1
        bypassTick &+= 1
        return bypassTick & 15 != 0
    }

    /// Notes the outcome of one lookup. Every `hitRateWindow` lines the hit rate is judged — on
    /// `hitRateWindow` lookups, or during a bypass on the sixteenth of them that were made: below 1
    /// in 64 hits a bypass starts (or goes on, for `16 × hitRateWindow` more lines), else it ends.
    @inline(__always)
    mutating func noteLookup(hit: Bool) {
        windowLookups &+= 1
        if hit { windowHits &+= 1 }
        guard windowLookups >= (bypassLeft > 0 ? hitRateWindow / 16 : hitRateWindow) else { return }
        bypassLeft = windowHits &* 64 < windowLookups ? 16 &* hitRateWindow : 0
        windowLookups = 0
        windowHits = 0
    }

    /// True while the cache is bypassed (`shouldSkip`).
    var isBypassed: Bool { bypassLeft > 0 }

    /// Counts a line that missed the cache although the tables knew all its keys.
    mutating func noteRepeatedKeys() { repeatsSinceGrowth &+= 1 }

    /// Doubles the entries and moves every entry into the larger cache (pending counts must have
    /// been drained), so that growing costs no misses on the keys already held.
    mutating func grow() {
        precondition(dirty.isEmpty, "LineKeyCache.grow with pending counts")
        let (oldCount, oldTags, oldSlab) = (entryCount, tags, slab)
        entryCount = min(maxEntries, entryCount * 2)
        tags = []
        slab = nil
        storesSinceGrowth = 0
        repeatsSinceGrowth = 0
        guard let oldSlab, !oldTags.isEmpty else { return }
        tags = Array(repeating: 0, count: entryCount)
        slab = Slab(byteCount: entryCount * Self.stride)
        let destination = slab.unsafelyUnwrapped.base
        for i in 0..<oldCount where oldTags[i] != 0 {
            // A tag is the hash with bit 0 set: its set bits (above the way bits) are the hash's.
            let j = victim(hash: oldTags[i])
            tags[j] = oldTags[i]
            (destination + j * Self.stride).copyMemory(from: oldSlab.base + i * Self.stride, byteCount: Self.stride)
        }
    }

    /// Frees the entries (pending counts must have been drained); the cache starts again small.
    mutating func release() {
        precondition(dirty.isEmpty, "LineKeyCache.release with pending counts")
        self = LineKeyCache(entries: maxEntries)
    }

    /// Entry memory: pages mapped for it alone (so that a cache of megabytes goes back to the system
    /// when it grows or is released, which memory from `malloc` may not), shared by copies of the cache
    /// until one of them writes (`mutableEntries` copies it first, as an array would).
    final class Slab: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let byteCount: Int

        /// Zeroed entries (fresh anonymous pages are zero).
        init(byteCount: Int) {
            self.byteCount = byteCount
            let mapped = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            guard let mapped, mapped != MAP_FAILED else { fatalError("LineKeyCache: cannot map \(byteCount) bytes") }
            base = mapped
        }

        func copy() -> Slab {
            let c = Slab(byteCount: byteCount)
            c.base.copyMemory(from: base, byteCount: byteCount)
            return c
        }

        deinit { munmap(base, byteCount) }
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

    /// Hints the CPU to bring the tags of `hash`'s set (a line counted a few lines from now).
    @inline(__always)
    func prefetchSet(hash: UInt64) {
        guard !tags.isEmpty else { return }
        let set = Int(truncatingIfNeeded: hash) & (entryCount &- 1) & ~(Self.ways &- 1)
        tags.withUnsafeBufferPointer { meshlog_prefetch_for_read($0.baseAddress.unsafelyUnwrapped + set) }
    }

    /// Hints the CPU to bring the entry whose tag is `hash`'s, if its set has one (its tags should be
    /// in cache by now, see `prefetchSet`): the cache lines a hit on a `keyLength`-byte key reads and
    /// writes, from the entry's start to the end of the key (`LineKeyCacheLayout`).
    @inline(__always)
    func prefetchEntry(hash: UInt64, keyLength: Int) {
        guard !tags.isEmpty else { return }
        let set = Int(truncatingIfNeeded: hash) & (entryCount &- 1) & ~(Self.ways &- 1)
        let tag = hash | 1
        let end = Self.keyOffset &+ keyLength
        tags.withUnsafeBufferPointer { t in
            for i in set..<(set &+ Self.ways) where t[i] == tag {
                let e = UnsafeRawPointer(slab.unsafelyUnwrapped.base) + i &* Self.stride
                var offset = 0
                while offset < end {
                    meshlog_prefetch_for_write(e + offset)
                    offset &+= 64
                }
                return
            }
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
        clock &+= 1
        e.storeBytes(of: clock, toByteOffset: L.recency, as: UInt32.self)
        let k = Int(e.load(fromByteOffset: L.valuesKept, as: UInt8.self))
        e.storeBytes(of: PendingValues.clamped(f.durationMs), toByteOffset: L.durations &+ k &* 4, as: UInt32.self)
        e.storeBytes(of: PendingValues.clamped(f.upstreamServiceTimeMs), toByteOffset: L.serviceTimes &+ k &* 4, as: UInt32.self)
        e.storeBytes(of: UInt8(truncatingIfNeeded: k &+ 1), toByteOffset: L.valuesKept, as: UInt8.self)
        if f.attempts > e.load(fromByteOffset: L.maxAttempts, as: Int32.self) { e.storeBytes(of: f.attempts, toByteOffset: L.maxAttempts, as: Int32.self) }
        e.storeBytes(of: e.load(fromByteOffset: L.bytesReceived, as: Int64.self) &+ f.bytesReceived, toByteOffset: L.bytesReceived, as: Int64.self)
        e.storeBytes(of: e.load(fromByteOffset: L.bytesSent, as: Int64.self) &+ f.bytesSent, toByteOffset: L.bytesSent, as: Int64.self)
        if pending == 1 { dirty.append(Int32(i)) }
        repeatsSinceGrowth &+= 1
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

    /// The entry that `store` would write the key of hash `hash` into: the first unused way of its
    /// set, else the least recently used one (the oldest tick, counted modulo 2³²). The caller drains
    /// it first when it has pending counts (`hasPendingCounts`, `drainEntry`), so overwriting it
    /// loses nothing.
    func victim(hash: UInt64) -> Int {
        guard entryCount > 0, !tags.isEmpty else { return 0 }
        let set = Int(truncatingIfNeeded: hash) & (entryCount - 1) & ~(Self.ways - 1)
        var i = set
        var oldest: UInt32 = 0
        for j in set..<(set + Self.ways) {
            if tags[j] == 0 { return j }
            let age = clock &- load(j, L.recency, as: UInt32.self)
            if age >= oldest { (i, oldest) = (j, age) }
        }
        return i
    }

    /// True when entry `i` holds lines not yet counted into the tables.
    func hasPendingCounts(_ i: Int) -> Bool { !tags.isEmpty && load(i, 0, as: UInt32.self) != 0 }

    /// Remembers `keys` and `signature` for the `length`-byte key at `key` (at most
    /// `LineKey.capacity`) in entry `victim(hash:)`, which the caller has drained.
    mutating func store(_ key: UnsafeRawPointer, length: Int, hash: UInt64, keys: LineKeys, signature: Signature,
                        epoch: UInt32) {
        guard entryCount > 0, length > 0, length <= LineKey.capacity else { return }
        if tags.isEmpty {
            tags = Array(repeating: 0, count: entryCount)
            slab = Slab(byteCount: entryCount * Self.stride)
        }
        let i = victim(hash: hash)
        precondition(load(i, 0, as: UInt32.self) == 0, "LineKeyCache.store over pending counts")
        storesSinceGrowth &+= 1
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
            clock &+= 1
            e.storeBytes(of: clock, toByteOffset: L.recency, as: UInt32.self)
        }
    }

    /// Hands every pending count, with the entry's keys, signature and pending values, to `body` and
    /// clears them.
    mutating func drainPending(_ body: (LineKeys, Signature, Int, PendingValues) -> Void) {
        for i in dirty { drainEntry(Int(i), body) }
        dirty.removeAll(keepingCapacity: true)
    }

    /// Hands entry `i`'s pending count (if any), keys, signature and pending values to `body` and
    /// clears them. (The entry may stay in the dirty list; draining it again finds nothing.)
    mutating func drainEntry(_ i: Int, _ body: (LineKeys, Signature, Int, PendingValues) -> Void) {
        let n = Int(load(i, 0, as: UInt32.self))
        guard n > 0 else { return }
        let values = takeValues(i)
        mutableEntries().storeBytes(of: 0 as UInt32, toByteOffset: i * Self.stride, as: UInt32.self)
        body(keys(at: i), signature(at: i), n, values)
    }

    /// Entries in the dirty list (some may have been drained one by one since).
    var dirtyCount: Int { dirty.count }
}
