/// A cache from a line's `KeyParts` (string keys plus signature) to the `LineKeys` they resolved
/// to. Lines of the same kind repeat the same parts, so one hash and one comparison replace about
/// eight table lookups and a dozen counter updates.
///
/// A hit changes nothing but the entry's *pending* count; the aggregator later counts the entry's
/// keys and signature `pending` times at once (`drainPending`), before anything reads, admits into
/// or prunes a table — so the cache never changes a result, only its cost. Hits are verified byte for
/// byte. Each entry remembers the key epoch at which its references were known to be live (the
/// aggregator bumps the epoch whenever a table may have evicted a key).
///
/// 4-way: a tuple lives in its home slot or one of the next three. It also owns the `PathKeyCache`
/// (`entries / 4` paths, at most 512) whose ids stand for paths in the tuples. Memory: about
/// `entries × 400` bytes, allocated on first use.
struct LineKeyCache: Sendable {
    struct Entry: Sendable {
        var keys = LineKeys()
        var signature = Signature()
    }

    struct Meta: Sendable {
        var hash: UInt64 = 0
        var used = false
    }

    /// What hits change: the pending line count, the epoch, the pending per-line values.
    struct Slot: Sendable {
        var pending = 0
        var epoch: UInt32 = 0
        var values = PendingValues()
    }

    let entryCount: Int
    /// Longest serialised tuple cached; longer ones always take the slow path.
    static let stride = 256
    static let ways = 4
    private var meta: [Meta] = []
    private var slots: [Slot] = []
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    /// Entries whose pending count is not zero.
    private var dirty: [Int32] = []
    /// Paths that are their own normal form (used only while the cache is enabled).
    var paths: PathKeyCache

    init(entries: Int) {
        var n = 1
        while n < entries { n <<= 1 }
        entryCount = entries > 0 ? max(n, Self.ways) : 0
        paths = PathKeyCache(capacity: entryCount > 0 ? min(512, max(1, entryCount / 4)) : 0)
    }

    var isEnabled: Bool { entryCount > 0 }
    var hasPending: Bool { !dirty.isEmpty }

    /// The entry holding exactly `parts`, or -1.
    @inline(never)
    func find(_ parts: KeyParts, hash: UInt64) -> Int {
        guard !meta.isEmpty else { return -1 }
        let mask = entryCount &- 1
        let home = Int(truncatingIfNeeded: hash) & mask
        return meta.withUnsafeBufferPointer { m in
            bytes.withUnsafeBytes { all -> Int in
                for w in 0..<Self.ways {
                    let i = (home &+ w) & mask
                    if m[i].used && m[i].hash == hash && parts.equals(all.baseAddress! + i &* Self.stride, room: Self.stride) {
                        return i
                    }
                }
                return -1
            }
        }
    }

    @inline(__always) func entry(at i: Int) -> Entry { entries[i] }
    @inline(__always) func epoch(at i: Int) -> UInt32 { slots[i].epoch }

    /// Counts one more occurrence of entry `i`, whose references are live at `epoch`, and keeps its
    /// per-line values `f`. True when the entry's value buffer is full: the caller then records
    /// `takeValues(i)`.
    @inline(__always)
    mutating func recordHit(_ i: Int, epoch: UInt32, values f: LineFacts) -> Bool {
        var first = false
        let full = slots.withUnsafeMutableBufferPointer { s -> Bool in
            let slot = s.baseAddress! + i
            slot.pointee.pending &+= 1
            slot.pointee.epoch = epoch
            first = slot.pointee.pending == 1
            return slot.pointee.values.append(f)
        }
        if first { dirty.append(Int32(i)) }
        return full
    }

    /// Entry `i`'s pending per-line values, now cleared.
    mutating func takeValues(_ i: Int) -> PendingValues {
        let v = slots[i].values
        slots[i].values = PendingValues()
        return v
    }

    /// Remembers `keys` for `parts` (when they fit `stride`). The caller drains pending counts first,
    /// so overwriting an entry loses nothing.
    mutating func store(_ parts: KeyParts, hash: UInt64, keys: LineKeys, epoch: UInt32) {
        guard entryCount > 0, parts.serialisedLength <= Self.stride else { return }
        if meta.isEmpty {
            meta = Array(repeating: Meta(), count: entryCount)
            slots = Array(repeating: Slot(), count: entryCount)
            entries = Array(repeating: Entry(), count: entryCount)
            bytes = Array(repeating: 0, count: entryCount * Self.stride)
        }
        // The first unused way, else the least recently validated one.
        let home = Int(truncatingIfNeeded: hash) & (entryCount - 1)
        var i = home
        for w in 0..<Self.ways {
            let j = (home + w) & (entryCount - 1)
            if !meta[j].used { i = j; break }
            if slots[j].epoch < slots[i].epoch { i = j }
        }
        precondition(slots[i].pending == 0 && slots[i].values.isEmpty, "LineKeyCache.store over pending counts")
        meta[i] = Meta(hash: hash, used: true)
        slots[i] = Slot(pending: 0, epoch: epoch)
        entries[i] = Entry(keys: keys, signature: parts.signature)
        bytes.withUnsafeMutableBytes { parts.write(to: $0.baseAddress! + i * Self.stride) }
    }

    /// Hands every pending count, with the pending per-line values, to `body` and clears them.
    mutating func drainPending(_ body: (Entry, Int, PendingValues) -> Void) {
        for i in dirty {
            let slot = slots[Int(i)]
            slots[Int(i)].pending = 0
            slots[Int(i)].values = PendingValues()
            if slot.pending > 0 { body(entries[Int(i)], slot.pending, slot.values) }
        }
        dirty.removeAll(keepingCapacity: true)
    }
}
