import CPrefetch

/// The (client pod, cluster, upstream host) links of prefixed lines, counted per link before they
/// go into the clusters' and hosts' `PodLinks`: one probe in one flat table per line, where counting
/// straight into the payloads costs two probes behind two payloads and two arrays each. A mesh of
/// 300 pods calling 10,000 hosts has 100,000 links, whose `PodLinks` entries lie all over the
/// payloads' memory; the buffer's lie in one array that the aggregator prefetches a few links ahead.
///
/// Entries name pods, hosts and clusters by table *slot*, which names the same key only as long as
/// no table evicts: the aggregator drains the buffer before anything evicts a pod, cluster or host,
/// and before anything reads or merges the links (`Aggregator.drainPodLinkBuffer`). It buffers a
/// link only when draining it is sure to be pure addition (`Aggregator.countPendingPodLinks`), so the
/// buffer changes no count, only its cost.
///
/// One 8-byte word per entry: a 42-bit key — the pod's slot, the host's slot (or, for a line without
/// a host, the cluster's, flagged), and an error flag — above a 22-bit count. A link's requests and
/// its errors are two entries. Open addressing with linear probing at a load of at most ¾, over a
/// table that grows by half from `initialCapacity` up to `maxCapacity` entries (2 MiB): 100,000
/// links take 1.3 MiB, with 0.5 MiB for the list of used entries that a drain walks.
struct PodLinkBuffer: Sendable {
    /// A link's key: the key of the entry that counts its requests (its errors' entry adds a flag).
    struct Key: Equatable, Sendable {
        let raw: UInt64
    }

    static let initialCapacity = 4096
    static let maxCapacity = 1 << 18
    /// Slots that fit a key: pods 19 bits, hosts and clusters 21.
    static let maxPodSlot: Int32 = (1 << 19) - 1
    static let maxTableSlot: Int32 = (1 << 21) - 1
    private static let countBits: UInt64 = 22
    private static let countMask: UInt64 = (1 << countBits) - 1
    /// Key bits: the pod's slot (0…18), the host's or cluster's (19…39), "cluster" (40), "errors" (41).
    private static let clusterFlag: UInt64 = 1 << 40
    private static let errorFlag: UInt64 = 1 << 41

    private var table: [UInt64] = []
    /// Indices of the used entries, in the order they were first used.
    private var used: [Int32] = []

    var isEmpty: Bool { used.isEmpty }
    /// Entries held (each link's requests, and its errors if any).
    var count: Int { used.count }

    /// The key of a link's requests (nil when the slots do not fit one); `host` nil for none.
    @inline(__always)
    static func key(pod: Int32, cluster: Int32, host: Int32?) -> Key? {
        guard pod >= 0 && pod <= maxPodSlot else { return nil }
        let target = host ?? cluster
        guard target >= 0 && target <= maxTableSlot else { return nil }
        return Key(raw: UInt64(pod) | UInt64(target) << 19 | (host == nil ? clusterFlag : 0))
    }

    /// What a drained entry counts: the pod's slot, the host's slot (nil: the line had none) or the
    /// cluster's (nil when a host is named: it is the host's cluster), and whether the count is of
    /// errors.
    struct Link: Equatable, Sendable {
        let pod: Int32
        let host: Int32?
        let cluster: Int32?
        let isErrors: Bool
    }

    static func link(of key: UInt64) -> Link {
        let pod = Int32(truncatingIfNeeded: key & ((1 << 19) - 1))
        let target = Int32(truncatingIfNeeded: (key >> 19) & ((1 << 21) - 1))
        let isCluster = key & clusterFlag != 0
        return Link(pod: pod, host: isCluster ? nil : target, cluster: isCluster ? target : nil, isErrors: key & errorFlag != 0)
    }

    @inline(__always)
    private static func home(_ key: UInt64, size: Int) -> Int {
        let h = (key &+ 1) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(size)).high)
    }

    /// Counts one request of the link `key`, and one error when `isError`. False, counting nothing,
    /// when an entry would be new and the buffer may not take it (`mayInsert` false, or it is full),
    /// or a count would overflow: the caller drains the buffer and counts the link itself.
    @inline(__always)
    mutating func add(_ key: Key, isError: Bool, mayInsert: Bool) -> Bool {
        var mayInsert = mayInsert
        if mayInsert && (used.count &+ 2) &* 4 > table.count &* 3 {
            if table.count < Self.maxCapacity { grow() } else { mayInsert = false }
        }
        guard !table.isEmpty else { return false }
        guard isError else { return increment(key.raw, mayInsert: mayInsert) }
        // Both or neither: an error is never counted without its request, and a request that is
        // counted here is not counted again by the caller.
        let errorKey = key.raw | Self.errorFlag
        guard canCount(key.raw, mayInsert: mayInsert) && canCount(errorKey, mayInsert: mayInsert) else { return false }
        return increment(key.raw, mayInsert: true) && increment(errorKey, mayInsert: true)
    }

    /// True when `increment(key, mayInsert:)` would count: `key` has an entry whose count may take
    /// one more, or it has none and may be inserted (there is room: `add` made it).
    private func canCount(_ key: UInt64, mayInsert: Bool) -> Bool {
        let size = table.count
        var i = Self.home(key, size: size)
        while true {
            let e = table[i]
            if e == 0 { return mayInsert }
            if e >> Self.countBits == key { return e & Self.countMask < Self.countMask }
            i = i &+ 1 == size ? 0 : i &+ 1
        }
    }

    @inline(__always)
    private mutating func increment(_ key: UInt64, mayInsert: Bool) -> Bool {
        let size = table.count
        let inserted = table.withUnsafeMutableBufferPointer { t -> Int in
            var i = Self.home(key, size: size)
            while true {
                let e = t[i]
                if e >> Self.countBits == key && e != 0 {
                    guard e & Self.countMask < Self.countMask else { return -2 }
                    t[i] = e &+ 1
                    return -1
                }
                if e == 0 {
                    guard mayInsert else { return -2 }
                    t[i] = key << Self.countBits | 1
                    return i
                }
                i = i &+ 1 == size ? 0 : i &+ 1
            }
        }
        if inserted >= 0 { used.append(Int32(inserted)) }
        return inserted != -2
    }

    /// Hints the CPU to bring the entry where `key`'s requests are probed first.
    @inline(__always)
    func prefetch(_ key: Key) {
        guard !table.isEmpty else { return }
        let i = Self.home(key.raw, size: table.count)
        table.withUnsafeBufferPointer { meshlog_prefetch_for_write($0.baseAddress.unsafelyUnwrapped + i) }
    }

    /// Hands every entry (its link and count) to `body`, in the order the entries were first used,
    /// and empties the buffer (keeping its table).
    mutating func drain(_ body: (Link, Int) -> Void) {
        guard !used.isEmpty else { return }
        table.withUnsafeMutableBufferPointer { t in
            for i in used {
                let e = t[Int(i)]
                body(Self.link(of: e >> Self.countBits), Int(e & Self.countMask))
                t[Int(i)] = 0
            }
        }
        used.removeAll(keepingCapacity: true)
    }

    /// Frees the table (the buffer must be empty); it starts small again on the next `add`.
    mutating func release() {
        precondition(used.isEmpty, "PodLinkBuffer.release with entries held")
        table = []
        used = []
    }

    private mutating func grow() {
        let old = table
        let size = table.isEmpty ? Self.initialCapacity : min(Self.maxCapacity, table.count + table.count / 2)
        table = Array(repeating: 0, count: size)
        for (n, index) in used.enumerated() {
            let e = old[Int(index)]
            var i = Self.home(e >> Self.countBits, size: size)
            while table[i] != 0 { i = i + 1 == size ? 0 : i + 1 }
            table[i] = e
            used[n] = Int32(i)
        }
    }
}
