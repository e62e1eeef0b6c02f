import CPrefetch
import Glibc
import AccessLog

/// A bounded table of byte-string keys with counts: the top-K structure behind every
/// high-cardinality dimension (clusters, hosts, paths, authorities, details, methods, pods).
///
/// Keys live in one byte arena and are found through an open-addressing index, so a lookup makes no
/// `String` and allocates nothing. Each live key has a slot (a small integer that owners use to index
/// their per-key statistics) and a serial (unique per admission, see `KeyRef`).
///
/// **Top-K policy (batched Space-Saving).** Every new key is admitted. When a new key arrives and the
/// table is full, the table is pruned to the heaviest half by *estimate* (`count + floor`) and the
/// evicted counts move to `otherCount`. A key admitted after a prune inherits the current `floor` (the
/// largest estimate evicted so far) so a late heavy hitter competes on equal terms with old keys instead
/// of starting from zero. Guarantees:
/// - Totals are exact: the sum of live counts plus `otherCount` is the number of counted occurrences.
/// - A live count is exact since the key's last admission and never over-counts: for every live key,
///   `count ≤ true count ≤ count + floorAtAdmission` (the floor bounds what an earlier eviction lost).
/// - A key is evicted only when at least half of the table has a larger or equal estimate; a key whose
///   count exceeds `2·N/capacity` (N = occurrences counted so far) is never evicted.
/// - Pruning costs O(capacity · log capacity) and happens at most once per `capacity / 2` new keys.
///
/// Memory grows with the live keys (about 60 bytes a key plus its bytes), not with `capacity`: a
/// table bounded at 100,000 keys that holds 20 costs a few hundred bytes.
struct KeyTable: Sendable {
    /// Most live keys.
    let capacity: Int
    /// Longer keys are cut to this many bytes by `clamp`.
    let maxKeyLength: Int

    /// Open-addressing index: `hash << 32 | slot` per entry (`empty` for none), so a probe compares
    /// the hash without touching another array — one cache miss per probe in tables of 100,000 keys.
    private var index: [UInt64] = []
    private var indexMask = 0
    private static let empty = UInt64.max
    private var hashes: [UInt32] = []
    /// Where each slot's key lives in `arena`.
    private var spans: [KeySpan] = []
    private var arena: [UInt8] = []
    /// Admission serial per slot; 0 marks a free slot.
    private(set) var serials: [UInt64] = []
    private(set) var counts: [Int] = []
    /// The floor each live key inherited when it was admitted.
    private(set) var floors: [Int] = []
    private var freeSlots: [Int32] = []
    /// Live keys.
    private(set) var liveCount = 0
    /// Occurrences of evicted keys: the "other" bucket.
    private(set) var otherCount = 0
    /// Largest estimate evicted so far; inherited by keys admitted later.
    private(set) var floor = 0

    init(capacity: Int, maxKeyLength: Int = 256) {
        self.capacity = max(1, capacity)
        self.maxKeyLength = max(1, maxKeyLength)
    }

    /// Number of slots ever used (live or free): the length owners size their payload arrays to.
    var slotCount: Int { serials.count }
    var isFull: Bool { liveCount >= capacity }

    /// The key cut to `maxKeyLength` bytes.
    @inline(__always)
    func clamp(_ key: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        key.count <= maxKeyLength ? key : UnsafeRawBufferPointer(rebasing: key[0..<maxKeyLength])
    }

    /// The slot holding `key` (already clamped), or -1.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer, hash h: UInt32) -> Int32 {
        if liveCount == 0 { return -1 }
        return index.withUnsafeBufferPointer { entries in
            var i = Int(h) & indexMask
            while true {
                let e = entries[i]
                if e == Self.empty { return -1 }
                if UInt32(truncatingIfNeeded: e >> 32) == h {
                    let s = Int32(truncatingIfNeeded: e)
                    if keyEquals(Int(s), key) { return s }
                }
                i = (i &+ 1) & indexMask
            }
        }
    }

    /// Adds `key` (not present, table not full) with count 0 and the current floor; returns its slot.
    mutating func insert(_ key: UnsafeRawBufferPointer, hash h: UInt32, serial: UInt64) -> Int32 {
        precondition(!isFull, "KeyTable.insert on a full table")
        if (liveCount + 1) * 2 > index.count { growIndex() }
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = Int32(serials.count)
            hashes.append(0); spans.append(KeySpan())
            serials.append(0); counts.append(0); floors.append(0)
        }
        let s = Int(slot)
        hashes[s] = h
        spans[s] = KeySpan(start: Int32(arena.count), length: Int32(key.count))
        arena.append(contentsOf: key)
        serials[s] = serial
        counts[s] = 0
        floors[s] = floor
        liveCount += 1
        place(slot, hash: h)
        return slot
    }

    @inline(__always) mutating func addCount(_ slot: Int32, _ n: Int = 1) { counts[Int(slot)] &+= n }
    @inline(__always) mutating func raiseFloor(_ slot: Int32, by n: Int) { floors[Int(slot)] += n }
    /// Completes merging `other`'s keys into this table: keys of this table that `other` did not have
    /// (`touched` holds the slots that received other's keys) may have been evicted from `other`, so
    /// their floors rise by `other.floor`; `other`'s "other" bucket and floor are added.
    mutating func finishMerge(from other: KeyTable, touched: Set<Int32>) {
        if other.floor > 0 {
            for s in 0..<serials.count where serials[s] != 0 && !touched.contains(Int32(s)) { floors[s] += other.floor }
        }
        otherCount += other.otherCount
        floor += other.floor
    }

    /// Hints the CPU to bring `slot`'s serial (read by `isLive`).
    @inline(__always)
    func prefetchSerial(_ slot: Int32) {
        serials.withUnsafeBufferPointer { s in
            if Int(slot) < s.count, let base = s.baseAddress { meshlog_prefetch_for_write(base + Int(slot)) }
        }
    }

    @inline(__always) func isLive(_ ref: KeyRef) -> Bool {
        let s = Int(ref.slot)
        return s < serials.count && serials[s] != 0 && serials[s] & KeyRef.serialMask == ref.serial
    }

    /// Live slots in slot order.
    var liveSlots: [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(liveCount)
        for s in 0..<serials.count where serials[s] != 0 { out.append(Int32(s)) }
        return out
    }

    func withKey<R>(_ slot: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let lo = Int(spans[Int(slot)].start), n = Int(spans[Int(slot)].length)
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[lo..<(lo + n)])) }
    }

    func keyString(_ slot: Int32) -> String { withKey(slot) { String(decoding: $0, as: UTF8.self) } }

    /// Evicts the lighter half (by `count + floor`; ties keep the older key) and returns the evicted
    /// slots, whose counts have moved to `otherCount`. Owners fold the slots' payloads before reuse.
    mutating func prune() -> [Int32] {
        var live = liveSlots
        live.sort { a, b in
            let ea = counts[Int(a)] + floors[Int(a)], eb = counts[Int(b)] + floors[Int(b)]
            return ea != eb ? ea > eb : serials[Int(a)] < serials[Int(b)]
        }
        let keep = live.count / 2
        let evicted = Array(live[keep...])
        if let top = evicted.first { floor = max(floor, counts[Int(top)] + floors[Int(top)]) }
        for s in evicted {
            otherCount += counts[Int(s)]
            serials[Int(s)] = 0; counts[Int(s)] = 0; floors[Int(s)] = 0
        }
        // Reuse low slots first, deterministically.
        freeSlots.append(contentsOf: evicted.sorted(by: >))
        liveCount = keep
        compact()
        return evicted
    }

    /// Evicts exactly `slots` (live ones; e.g. the hosts of an evicted cluster): their counts move to
    /// `otherCount` and the floor rises to the largest evicted estimate, as in `prune`.
    mutating func remove(_ slots: [Int32]) {
        guard !slots.isEmpty else { return }
        for s in slots where serials[Int(s)] != 0 {
            floor = max(floor, counts[Int(s)] + floors[Int(s)])
            otherCount += counts[Int(s)]
            serials[Int(s)] = 0; counts[Int(s)] = 0; floors[Int(s)] = 0
            liveCount -= 1
        }
        freeSlots = (0..<serials.count).filter { serials[$0] == 0 }.map { Int32($0) }.sorted(by: >)
        compact()
    }

    /// The index grows with the live keys (load ≤ ½), so a large capacity costs nothing until used.
    private mutating func growIndex() {
        var size = max(16, index.count * 2)
        while size < (liveCount + 1) * 2 { size <<= 1 }
        index = Array(repeating: Self.empty, count: size)
        indexMask = size - 1
        for s in 0..<serials.count where serials[s] != 0 { place(Int32(s), hash: hashes[s]) }
    }

    /// Puts `slot` into the first free index entry of its probe sequence.
    private mutating func place(_ slot: Int32, hash h: UInt32) {
        var i = Int(h) & indexMask
        while index[i] != Self.empty { i = (i &+ 1) & indexMask }
        index[i] = UInt64(h) << 32 | UInt64(UInt32(bitPattern: slot))
    }

    /// Rebuilds the arena (dropping evicted keys' bytes) and the index from the live slots.
    private mutating func compact() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(arena.count)
        for s in 0..<serials.count where serials[s] != 0 {
            let lo = Int(spans[s].start), n = Int(spans[s].length)
            spans[s].start = Int32(fresh.count)
            fresh.append(contentsOf: arena[lo..<(lo + n)])
        }
        arena = fresh
        for i in 0..<index.count { index[i] = Self.empty }
        for s in 0..<serials.count where serials[s] != 0 { place(Int32(s), hash: hashes[s]) }
    }

    @inline(__always)
    private func keyEquals(_ slot: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let span = spans[slot]
        let n = Int(span.length)
        guard n == key.count else { return false }
        if n == 0 { return true }
        let lo = Int(span.start)
        return arena.withUnsafeBytes { a in memcmp(a.baseAddress! + lo, key.baseAddress!, n) == 0 }
    }

    /// 64-bit words of the key xored with position-dependent secrets and multiplied to 128 bits in
    /// pairs (as wyhash does; the products of a pair do not wait on each other), a last partial word
    /// read as the key's last 8 bytes (overlapping, no byte loop) when the key has 8, then mixed.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        let n = key.count
        var acc = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        if n >= 8, let p = key.baseAddress {
            var secret: UInt64 = 0xA076_1D64_78BD_642F
            while i &+ 16 <= n {
                let m = (p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ secret)
                    .multipliedFullWidth(by: p.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self) ^ 0xE703_7ED1_A0B4_28DB)
                acc = acc &+ (m.high ^ m.low)
                secret = secret &+ 0x9E37_79B9_7F4A_7C15
                i &+= 16
            }
            if i < n {
                // The last 8 bytes (they may overlap the words above) and, for 9…15 left, the 8 after `i`.
                let last = p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                let next = n &- i > 8 ? p.loadUnaligned(fromByteOffset: i, as: UInt64.self) : 0
                let m = (last ^ secret).multipliedFullWidth(by: next ^ 0x8EBC_6AF0_9C88_C6E3)
                acc = acc &+ (m.high ^ m.low)
            }
        } else {
            var tail: UInt64 = 0
            for j in 0..<n { tail |= UInt64(key[j]) &<< UInt64(j &* 8) }
            let m = (tail ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(by: 0x8EBC_6AF0_9C88_C6E3)
            acc = acc &+ (m.high ^ m.low)
        }
        var h = acc
        h = (h ^ (h &>> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h &>> 29)) &* 0xC4CE_B9FE_1A85_EC53
        return UInt32(truncatingIfNeeded: h ^ (h &>> 32))
    }
}

/// A key's bytes in the arena.
struct KeySpan: Sendable {
    var start: Int32 = 0
    var length: Int32 = 0
}

extension KeyTable {
    /// Keeps at most `maxLive` keys (the heaviest), pruning as a full table would.
    mutating func shrink(toAtMost maxLive: Int) {
        while liveCount > max(1, maxLive) { _ = prune() }
    }
}
