/// A bounded counter over non-zero 64-bit keys (a `KeyRef`, an HTTP code, a flag set, …): the small
/// per-cluster / per-flag / per-host breakdowns.
///
/// Open addressing over parallel arrays, allocated on first use. When a new key arrives and the counter
/// is full, it keeps the heaviest half (ties: smaller key) and moves the rest into `other`, so totals
/// stay exact (`sum(entries) + other`) and late heavy keys can still enter. A key whose count exceeds
/// `2·N/capacity` is never dropped.
struct RefCounter: Sendable {
    let capacity: Int
    private var keys: [UInt64] = []
    private var values: [Int] = []
    private var mask = 0
    private(set) var liveCount = 0
    /// Occurrences of keys that were dropped to stay within `capacity`.
    private(set) var other = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var isEmpty: Bool { liveCount == 0 && other == 0 }
    var total: Int { values.reduce(other, &+) }

    @inline(__always)
    mutating func add(_ key: UInt64, _ n: Int = 1) {
        if keys.isEmpty { allocate() }
        var i = Self.spread(key) & mask
        while true {
            let k = keys[i]
            if k == key { values[i] &+= n; return }
            if k == 0 { break }
            i = (i &+ 1) & mask
        }
        if liveCount >= capacity {
            prune()
            i = Self.spread(key) & mask
            while keys[i] != 0 { i = (i &+ 1) & mask }
        }
        keys[i] = key
        values[i] = n
        liveCount += 1
    }

    /// The count of `key` (0 when absent).
    func count(_ key: UInt64) -> Int {
        if keys.isEmpty { return 0 }
        var i = Self.spread(key) & mask
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// Live entries, heaviest first (ties: smaller key first).
    var entries: [(key: UInt64, count: Int)] {
        var out: [(key: UInt64, count: Int)] = []
        out.reserveCapacity(liveCount)
        for i in 0..<keys.count where keys[i] != 0 { out.append((keys[i], values[i])) }
        out.sort { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        return out
    }

    mutating func addOther(_ n: Int) { other &+= n }

    /// Adds every entry of `source`, passing each key through `remap` (nil: count it as other).
    mutating func merge(_ source: RefCounter, remap: (UInt64) -> UInt64?) {
        for i in 0..<source.keys.count where source.keys[i] != 0 {
            if let k = remap(source.keys[i]), k != 0 { add(k, source.values[i]) } else { other &+= source.values[i] }
        }
        other &+= source.other
    }

    /// Adds every entry of `source` with its key unchanged.
    mutating func merge(_ source: RefCounter) { merge(source) { $0 } }

    private mutating func allocate() {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    private mutating func prune() {
        let all = entries
        let keep = all.count / 2
        for e in all[keep...] { other &+= e.count }
        for i in 0..<keys.count { keys[i] = 0; values[i] = 0 }
        liveCount = 0
        for e in all[..<keep] {
            var i = Self.spread(e.key) & mask
            while keys[i] != 0 { i = (i &+ 1) & mask }
            keys[i] = e.key
            values[i] = e.count
            liveCount += 1
        }
    }

    @inline(__always)
    private static func spread(_ key: UInt64) -> Int {
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
