/// What a `KeyedTable` keeps per key: statistics that can be made empty and folded together.
protocol KeyedPayload: Sendable {
    /// An empty payload, sized by `limits`.
    init(limits: AggregatorLimits)
    /// Adds `other`, passing every key reference it holds through `remap` (nil: the referenced key is
    /// gone; count it as "other").
    mutating func absorb(_ other: Self, remap: (UInt64) -> UInt64?)
}

/// One keyed dimension of the aggregator (clusters, upstream hosts, methods, client pods, pod links):
/// a `KeyTable` of byte-string keys, one payload per live key, and the honest "other" payload of
/// every key that had to be evicted.
///
/// Exact up to `capacity` keys: until the table is full nothing is evicted, so every payload is exactly
/// what its key's records added. Beyond the bound the table keeps the heaviest half (`KeyTable`'s
/// top-K policy); evicted payloads fold into `other` (or, when `keepsEvicted`, wait in `evicted` for
/// the owner to fold them somewhere more precise — a host into its own cluster's "other hosts"), and
/// `isApproximate` turns true for good.
struct KeyedTable<Payload: KeyedPayload>: Sendable {
    private(set) var keys: KeyTable
    private var payloads: [Payload] = []
    /// Everything evicted (and not handed to the owner).
    private(set) var other: Payload
    /// Evicted payloads, when the owner folds them itself (`takeEvicted`).
    private var evicted: [Payload] = []
    let tag: KeyRef.Table
    let keepsEvicted: Bool
    private let limits: AggregatorLimits

    init(_ tag: KeyRef.Table, capacity: Int, limits: AggregatorLimits, keepsEvicted: Bool = false) {
        self.tag = tag
        self.limits = limits
        self.keepsEvicted = keepsEvicted
        keys = KeyTable(capacity: capacity, maxKeyLength: limits.maxKeyLength)
        // The "other" payload gathers every evicted key: its breakdowns stay narrow, or past the
        // bounds each eviction would re-sort thousands of entries there.
        other = Payload(limits: limits.withNarrowBreakdowns)
    }

    /// True once a key was evicted: counts of live keys are then within their error bound, and
    /// `other` holds the rest.
    var isApproximate: Bool { keys.otherCount > 0 || keys.floor > 0 }
    var liveCount: Int { keys.liveCount }
    var liveSlots: [Int32] { keys.liveSlots }
    var hasEvicted: Bool { !evicted.isEmpty }
    /// How much a live key's count may fall short of the truth (0 while exact): the largest count
    /// evicted so far.
    var errorBound: Int { keys.floor }
    /// Occurrences of evicted keys.
    var otherCount: Int { keys.otherCount }

    @inline(__always)
    subscript(slot: Int32) -> Payload {
        _read { yield payloads[Int(slot)] }
        _modify { yield &payloads[Int(slot)] }
    }

    /// Calls `body` with the address of `slot`'s payload, for prefetch hints: `body` must not
    /// change the payload (the pointer is mutable only so that reading through it does not copy).
    /// Nothing is called for a slot past the payloads.
    @inline(__always)
    func withPayload(at slot: Int32, _ body: (UnsafeMutablePointer<Payload>) -> Void) {
        payloads.withUnsafeBufferPointer { p in
            if Int(slot) < p.count, let base = p.baseAddress { body(UnsafeMutablePointer(mutating: base + Int(slot))) }
        }
    }

    /// Hints the CPU to bring `slot`'s serial (read by `isLive`).
    @inline(__always) func prefetchSerial(_ slot: Int32) { keys.prefetchSerial(slot) }

    @inline(__always) func ref(_ slot: Int32) -> KeyRef {
        KeyRef(table: tag, serial: keys.serials[Int(slot)], slot: slot)
    }

    @inline(__always) func isLive(_ ref: KeyRef) -> Bool { keys.isLive(ref) }
    @inline(__always) func clamp(_ key: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer { keys.clamp(key) }
    func withKey<R>(_ slot: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R { keys.withKey(slot, body) }
    func keyString(_ slot: Int32) -> String { keys.keyString(slot) }
    func count(_ slot: Int32) -> Int { keys.counts[Int(slot)] }

    /// The slot of `key` (already clamped), admitting it with an empty payload (and pruning the table
    /// first when it is full); counts `count` occurrences.
    @inline(__always)
    mutating func slot(_ key: UnsafeRawBufferPointer, count: Int = 1, serial: inout UInt64) -> Int32 {
        let h = KeyTable.hash(key)
        var slot = keys.find(key, hash: h)
        if slot < 0 { slot = admit(key, hash: h, serial: &serial) }
        keys.addCount(slot, count)
        return slot
    }

    /// The slot of `key` if it is live, else -1 (nothing admitted or counted).
    func find(_ key: UnsafeRawBufferPointer) -> Int32 {
        let key = keys.clamp(key)
        return keys.find(key, hash: KeyTable.hash(key))
    }

    @inline(never)
    private mutating func admit(_ key: UnsafeRawBufferPointer, hash h: UInt32, serial: inout UInt64) -> Int32 {
        if keys.isFull { release(keys.prune()) }
        serial &+= 1
        let slot = keys.insert(key, hash: h, serial: serial)
        // A reused slot's payload was emptied when its key left (`release`).
        if Int(slot) == payloads.count { payloads.append(Payload(limits: limits)) }
        return slot
    }

    /// Makes room for `n` payloads (before admitting a known number of keys).
    mutating func reservePayloads(_ n: Int) { payloads.reserveCapacity(n) }

    /// Adds `n` occurrences to a live slot's count (batched counts of the line-key cache).
    @inline(__always) mutating func addCount(_ slot: Int32, _ n: Int) { keys.addCount(slot, n) }

    /// Evicts the live slots for which `shouldEvict` is true (their payload folded as on a prune).
    mutating func evict(where shouldEvict: (borrowing Payload) -> Bool) {
        let doomed = payloads.withUnsafeBufferPointer { p in keys.liveSlots.filter { shouldEvict(p[Int($0)]) } }
        guard !doomed.isEmpty else { return }
        keys.remove(doomed)
        release(doomed)
    }

    /// Keeps at most `maxLive` keys (the heaviest; the rest folded as on a prune).
    mutating func shrink(toAtMost maxLive: Int) {
        while keys.liveCount > max(1, maxLive) {
            release(keys.prune())
        }
    }

    /// The evicted payloads the owner has not folded yet, now handed over.
    mutating func takeEvicted() -> [Payload] {
        defer { evicted.removeAll() }
        return evicted
    }

    /// Adds a payload to `other` directly (an owner folding something it could not place).
    mutating func absorbIntoOther(_ payload: Payload, remap: (UInt64) -> UInt64? = { $0 }) {
        other.absorb(payload, remap: remap)
    }

    /// Changes `other` in place (an owner folding a part of a payload, e.g. an evicted host into the
    /// "other clusters" bucket's hosts, without building a whole payload around it).
    mutating func modifyOther(_ body: (inout Payload) -> Void) { body(&other) }

    /// Completes a merge of `source`'s keys: floors and the "other" count, and when `foldOther` the
    /// "other" payload (else the caller folds it, once references can be re-mapped).
    mutating func finishMerge(from source: KeyedTable<Payload>, touched: Set<Int32>, remap: (UInt64) -> UInt64?,
                              foldOther: Bool) {
        keys.finishMerge(from: source.keys, touched: touched)
        if foldOther { other.absorb(source.other, remap: remap) }
    }

    /// Raises a slot's floor (merging a key that may have lost counts in the source).
    mutating func raiseFloor(_ slot: Int32, by n: Int) { keys.raiseFloor(slot, by: n) }

    /// Folds the payloads of just-evicted slots (into `other`, or hands them to the owner) and
    /// leaves each slot an empty payload for the next key `admit` puts there. The payload is moved
    /// out, not copied (no reference counting of its arrays).
    private mutating func release(_ slots: [Int32]) {
        for s in slots {
            var payload = Payload(limits: limits)
            swap(&payload, &payloads[Int(s)])
            if keepsEvicted { evicted.append(payload) } else { other.absorb(payload, remap: { $0 }) }
        }
    }
}
