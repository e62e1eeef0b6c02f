import CPrefetch

/// A bounded counter over non-zero 64-bit keys (a `KeyRef`, an HTTP code, a flag set, …): the small
/// per-cluster / per-flag / per-host breakdowns.
///
/// Open addressing over one array of (key, count) pairs, allocated on first use with room for a few
/// keys and doubled as keys arrive (load ≤ ¾), so a counter bounded at thousands of keys that sees
/// three costs 128 bytes. When a new key
/// arrives and the counter is full, it keeps the heaviest half (ties: smaller key) and moves the rest
/// into `other`, so totals stay exact (`sum(entries) + other`) and late heavy keys can still enter. A
/// key whose count exceeds `2·N/capacity` is never dropped.
struct RefCounter: Sendable {
    struct Pair: Sendable {
        var key: UInt64
        var count: Int
    }

    let capacity: Int
    private var table: [Pair] = []
    private var mask = 0
    private(set) var liveCount = 0
    /// Occurrences of keys that were dropped to stay within `capacity`.
    private(set) var other = 0
    /// The only key while the table is not allocated (0: none): a counter that sees one key — a
    /// host's single response code, a pod's single cluster — costs no allocation.
    private var soleKey: UInt64 = 0
    private var soleCount = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var isEmpty: Bool { liveCount == 0 && other == 0 }
    /// True when a new key would make the counter drop keys.
    var isFull: Bool { liveCount >= capacity }
    var total: Int { table.reduce(other &+ soleCount) { $0 &+ $1.count } }

    @inline(__always)
    mutating func add(_ key: UInt64, _ n: Int = 1) {
        if table.isEmpty {
            if soleKey == key { soleCount &+= n; return }
            if soleKey == 0 { soleKey = key; soleCount = n; liveCount = 1; return }
            spill()
        }
        if liveCount &* 4 >= table.count &* 3 { grow() }
        let room = liveCount < capacity
        let m = mask
        // 0: counted on an existing key, 1: inserted, 2: full.
        let outcome = table.withUnsafeMutableBufferPointer { t -> Int in
            var i = Self.spread(key) & m
            while true {
                let k = t[i].key
                if k == key { t[i].count &+= n; return 0 }
                if k == 0 {
                    guard room else { return 2 }
                    t[i] = Pair(key: key, count: n)
                    return 1
                }
                i = (i &+ 1) & m
            }
        }
        if outcome == 1 { liveCount += 1 } else if outcome == 2 { prune(); insertNew(key, n) }
    }

    /// Counts `n` occurrences of `key`; a key not yet present is admitted only when `admitNew` (else
    /// counted in `other`). Returns the change in live keys (1 for an admitted key, negative after a
    /// prune, else 0).
    @inline(__always)
    mutating func add(_ key: UInt64, _ n: Int, admitNew: Bool) -> Int {
        let before = liveCount
        if admitNew || count(key) > 0 { add(key, n) } else { other &+= n }
        return liveCount - before
    }

    /// Keeps at most `maxLive` keys (the heaviest), as a full counter would.
    mutating func shrink(toAtMost maxLive: Int) {
        while liveCount > Swift.max(0, maxLive) && liveCount > 0 {
            if liveCount == 1 { forEachEntry { other &+= $1 }; clear(); return }
            prune()
        }
    }

    private mutating func clear() {
        for i in 0..<table.count { table[i] = Pair(key: 0, count: 0) }
        soleKey = 0
        soleCount = 0
        liveCount = 0
    }

    /// Moves the sole key into a freshly allocated table (a second key arrived).
    @inline(never)
    private mutating func spill() {
        let (key, n) = (soleKey, soleCount)
        soleKey = 0
        soleCount = 0
        liveCount = 0
        grow()
        insertNew(key, n)
    }

    /// Every live entry (the sole key, or the table's), in no particular order (`entries` sorts).
    func forEachEntry(_ body: (UInt64, Int) -> Void) {
        if table.isEmpty {
            if soleKey != 0 { body(soleKey, soleCount) }
        } else {
            for p in table where p.key != 0 { body(p.key, p.count) }
        }
    }

    /// The count of `key` (0 when absent).
    func count(_ key: UInt64) -> Int {
        if table.isEmpty { return key == soleKey && key != 0 ? soleCount : 0 }
        var i = Self.spread(key) & mask
        while true {
            let k = table[i].key
            if k == key { return table[i].count }
            if k == 0 { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// Hints the CPU to bring the entry where `key` is probed first, and the table's header (its
    /// reference count, read by the uniqueness check of a write, sits just before the entries).
    /// Changes nothing (`mutating` so that a call through a pointer does not copy the counter).
    @inline(__always)
    mutating func prefetchEntry(for key: UInt64) {
        table.withUnsafeBufferPointer { t in
            guard let base = t.baseAddress else { return }
            meshlog_prefetch_for_write(UnsafeRawPointer(base) - 24)
            meshlog_prefetch_for_write(base + (Self.spread(key) & mask))
        }
    }

    /// Live entries, heaviest first (ties: smaller key first).
    var entries: [(key: UInt64, count: Int)] {
        var out: [(key: UInt64, count: Int)] = []
        out.reserveCapacity(liveCount)
        forEachEntry { out.append(($0, $1)) }
        out.sort { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        return out
    }

    /// Adds every entry of `source`, passing each key through `remap` (nil: count it as other).
    mutating func merge(_ source: RefCounter, remap: (UInt64) -> UInt64?) {
        source.forEachEntry { key, count in
            if let k = remap(key), k != 0 { add(k, count) } else { other &+= count }
        }
        other &+= source.other
    }

    /// Adds every entry of `source` with its key unchanged.
    mutating func merge(_ source: RefCounter) { merge(source) { $0 } }

    /// Doubles the table (up to twice the capacity, where a full counter prunes instead).
    @inline(never)
    private mutating func grow() {
        var limit = 8
        while limit < capacity * 2 { limit <<= 1 }
        guard table.count < limit else { return }
        let old = table
        let size = Swift.min(limit, Swift.max(8, table.count * 2))
        table = Array(repeating: Pair(key: 0, count: 0), count: size)
        mask = size - 1
        liveCount = 0
        for p in old where p.key != 0 { insertNew(p.key, p.count) }
    }

    private mutating func insertNew(_ key: UInt64, _ n: Int) {
        var i = Self.spread(key) & mask
        while table[i].key != 0 { i = (i &+ 1) & mask }
        table[i] = Pair(key: key, count: n)
        liveCount += 1
    }

    private mutating func prune() {
        let all = entries
        let keep = all.count / 2
        for e in all[keep...] { other &+= e.count }
        for i in 0..<table.count { table[i] = Pair(key: 0, count: 0) }
        liveCount = 0
        for e in all[..<keep] { insertNew(e.key, e.count) }
    }

    @inline(__always)
    private static func spread(_ key: UInt64) -> Int {
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
