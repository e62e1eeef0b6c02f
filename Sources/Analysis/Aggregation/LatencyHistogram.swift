import CPrefetch

/// Millisecond latencies (0 ms … 1 h, values above clamped, negative ones ignored), summarised with
/// HdrHistogram.
///
/// Recording is the hot path, so values are counted directly into slots laid out exactly like an
/// `Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, .two)` — bucket
/// index `56 − lzcnt(v | 255)`, sub-bucket `v >> bucket` — a dozen instructions instead of a library
/// call. `summary` reads the percentiles from the slots exactly as HdrHistogram's `valueAtPercentile`
/// does (a test checks it against the library on random data), so the numbers are HdrHistogram's:
/// values below 256 ms exact, above within 1/128 (0.8 %) relative error; the maximum is exact.
///
/// Memory follows the data, because an aggregator keeps one histogram per cluster, host and method —
/// up to a hundred thousand of them:
/// - **one word** inline while every value fell in one slot (no allocation: the many keys of a
///   log that keeps bringing new ones have a request or two each);
/// - **sparse** while at most `sparseLimit` distinct slots were hit: packed `slot << 21 | count` words
///   (a key with a handful of requests costs a few dozen bytes), and — for speed — until a histogram
///   with `busyCount` values under 256 ms can be dense in 1 KiB;
/// - then **dense**, one `UInt32` per slot, covering slots up to the highest seen (rounded up to 64):
///   256 bytes for latencies under 64 ms, 1 KiB under 256 ms. Values past 256 ms that are few —
///   rare slow requests, which every busy host sees sooner or later — wait as sparse words in `tail`
///   (at most `tailLimit` slots) instead of stretching the dense slots to 2 KiB (under 1 s) or 8 KiB
///   (near the hour); a histogram with more of them grows its dense slots as far as needed.
/// Both forms hold the same slot counts, so summaries and merges are exact whichever form each side has.
struct LatencyHistogram: Sendable {
    static let maxValueMs: UInt64 = 3_600_000
    /// Slots: (bucketCount + 1) × 128 for 3,600,000 with 256 sub-buckets.
    static let slotCount = 2048
    /// Distinct slots kept sparse before the histogram turns dense.
    static let sparseLimit = 64
    /// A sparse histogram with this many values whose slots fit `busyDenseSlots` (values under
    /// 256 ms: 1 KiB) turns dense even with few distinct slots: each add is then an index, not a scan.
    static let busyCount: UInt64 = 256
    static let busyDenseSlots = 256
    /// Dense slots that a dense histogram keeps while its later values fit `tail` (values under 256 ms).
    static let denseCap = 256
    /// Distinct slots past `denseCap` kept in `tail` before the dense slots grow to hold them.
    static let tailLimit = 32
    private static let sparseCountMask: UInt32 = (1 << 21) - 1
    private static let saturation = UInt64(UInt32.max) - 1

    /// Sparse: packed `slot << 21 | count` words. Dense: the count of slot `i` at `i`.
    private var storage: [UInt32] = []
    /// Dense only, while `storage` stops at `denseCap`: packed words of the few slots past it.
    private var tail: [UInt32] = []
    private var isDense = false
    /// The only sparse word while `storage` is not allocated (0: none): a key whose values all fall
    /// in one slot — most keys of a log where every line brings new ones — costs no allocation.
    private var soleWord: UInt32 = 0
    private(set) var count: UInt64 = 0
    /// Sum and maximum of the recorded (clamped) values.
    private var sum: UInt64 = 0
    private var maxValue: UInt64 = 0

    init() {}

    /// Bytes of slot storage (for the memory accounting in docs/performance.md and its test).
    var storageBytes: Int { (storage.capacity + tail.capacity) * 4 }
    /// Words of slot storage in use (sparse words, or dense slots): unlike `storageBytes`, it does not
    /// depend on what the allocator hands out.
    var storageWords: Int { storage.count + tail.count }

    @inline(__always)
    mutating func record(_ ms: Int64) {
        guard ms >= 0, count < Self.saturation else { return }
        let value = Swift.min(UInt64(ms), Self.maxValueMs)
        add(slot: Self.slot(value), 1)
        count &+= 1
        sum &+= value
        if value > maxValue { maxValue = value }
    }

    /// Records a batch of values already clamped to `maxValueMs` (`PendingValues.none` entries are
    /// skipped): exactly what `record(_:)` of each would do.
    mutating func record(clamped values: UnsafeBufferPointer<UInt32>) {
        var count = count, sum = sum, maxValue = maxValue
        // Far from saturation (always, in practice) the per-value check is not needed.
        let unsaturated = count &+ UInt64(values.count) < Self.saturation
        // Dense: the slots are counted through one pointer (one uniqueness check per batch); a value
        // past the dense slots, and every value of a sparse histogram, takes `add`.
        var start = 0
        if isDense && unsaturated {
            start = storage.withUnsafeMutableBufferPointer { slots -> Int in
                for (k, v32) in values.enumerated() where v32 != PendingValues.none {
                    let value = UInt64(v32)
                    let slot = Self.slot(value)
                    guard slot < slots.count else { return k }
                    slots[slot] &+= 1
                    count &+= 1
                    sum &+= value
                    if value > maxValue { maxValue = value }
                }
                return values.count
            }
        }
        for v32 in values[start...] {
            guard v32 != PendingValues.none && (unsaturated || count < Self.saturation) else { continue }
            let value = UInt64(v32)
            add(slot: Self.slot(value), 1)
            count &+= 1
            sum &+= value
            if value > maxValue { maxValue = value }
        }
        self.count = count
        self.sum = sum
        self.maxValue = maxValue
    }

    /// Hints the CPU to bring the slot storage's header (its reference count, read by the uniqueness
    /// check of a write) and, when dense, the slot of `value` (`PendingValues.none`: none). Changes
    /// nothing (`mutating` so that a call through a pointer does not copy the histogram).
    @inline(__always)
    mutating func prefetch(forValue value: UInt32) {
        storage.withUnsafeBufferPointer { s in
            guard let base = s.baseAddress else { return }
            meshlog_prefetch_for_write(UnsafeRawPointer(base) - 24)
            guard isDense && value != PendingValues.none else { return }
            let slot = Self.slot(UInt64(value))
            if slot < s.count { meshlog_prefetch_for_write(base + slot) }
        }
    }

    @inline(__always)
    private mutating func add(slot: Int, _ n: UInt32) {
        if isDense && slot < storage.count {
            storage.withUnsafeMutableBufferPointer { $0[slot] &+= n }
        } else {
            addSlow(slot: slot, n)
        }
    }

    @inline(never)
    private mutating func addSlow(slot: Int, _ n: UInt32) {
        if !isDense && storage.isEmpty && n <= Self.sparseCountMask {
            if soleWord == 0 { soleWord = UInt32(slot) << 21 | n; return }
            if Int(soleWord >> 21) == slot && (soleWord & Self.sparseCountMask) + n <= Self.sparseCountMask {
                soleWord &+= n
                return
            }
        }
        if soleWord != 0 {
            // A second slot (or a count the word cannot hold): the word moves into the storage.
            storage.append(soleWord)
            soleWord = 0
        }
        if !isDense && count >= Self.busyCount
            && Self.denseSize(toInclude: Swift.max(slot, Self.slot(maxValue)), atLeast: 0) <= Self.busyDenseSlots {
            densify()
        }
        if !isDense {
            switch addSparse(slot: slot, n) {
            case .added: return
            case .absent where storage.count < Self.sparseLimit && n <= Self.sparseCountMask:
                storage.append(UInt32(slot) << 21 | n)
                return
            default: densify()
            }
        }
        if slot >= storage.count {
            if slot >= Self.denseCap && addToTail(slot: slot, n) { return }
            growDense(toInclude: slot)
        }
        storage[slot] &+= n
    }

    /// Counts `n` in the tail word of `slot` (past `denseCap`, dense slots not grown past it); false
    /// when the tail cannot take it (too many slots, a full word): the dense slots must grow.
    private mutating func addToTail(slot: Int, _ n: UInt32) -> Bool {
        guard storage.count <= Self.denseCap, n <= Self.sparseCountMask else { return false }
        for i in tail.indices where Int(tail[i] >> 21) == slot {
            guard (tail[i] & Self.sparseCountMask) + n <= Self.sparseCountMask else { return false }
            tail[i] &+= n
            return true
        }
        guard tail.count < Self.tailLimit else { return false }
        tail.append(UInt32(slot) << 21 | n)
        return true
    }

    private enum SparseOutcome { case added, absent, wouldOverflow }

    /// Adds `n` to the sparse word of `slot`: eight words per step (SIMD), one uniqueness check.
    @inline(__always)
    private mutating func addSparse(slot: Int, _ n: UInt32) -> SparseOutcome {
        storage.withUnsafeMutableBufferPointer { words -> SparseOutcome in
            let count = words.count
            guard let base = words.baseAddress else { return .absent }
            let wanted = UInt32(truncatingIfNeeded: slot)
            func add(at i: Int) -> SparseOutcome {
                guard UInt64(base[i] & Self.sparseCountMask) + UInt64(n) <= UInt64(Self.sparseCountMask) else { return .wouldOverflow }
                base[i] &+= n
                return .added
            }
            var i = 0
            let lanes = SIMD8<UInt32>(repeating: wanted)
            while i &+ 8 <= count {
                let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<UInt32>.self)
                let hit = (chunk &>> 21) .== lanes
                if any(hit) {
                    for lane in 0..<8 where hit[lane] { return add(at: i &+ lane) }
                }
                i &+= 8
            }
            while i < count {
                if base[i] >> 21 == wanted { return add(at: i) }
                i &+= 1
            }
            return .absent
        }
    }

    private mutating func densify() {
        let entries = storage
        let low = entries.map { Int($0 >> 21) }.filter { $0 < Self.denseCap }.max() ?? 0
        storage = Array(repeating: 0, count: Self.denseSize(toInclude: low, atLeast: 0))
        isDense = true
        for e in entries {
            let slot = Int(e >> 21), n = e & Self.sparseCountMask
            if slot >= storage.count && !(slot >= Self.denseCap && addToTail(slot: slot, n)) { growDense(toInclude: slot) }
            if slot < storage.count { storage[slot] &+= n }
        }
    }

    /// Grows the dense slots to cover `slot`; past `denseCap` the tail's slots move into them.
    private mutating func growDense(toInclude slot: Int) {
        var target = slot
        if Self.denseSize(toInclude: slot, atLeast: storage.count * 2) > Self.denseCap {
            for w in tail { target = Swift.max(target, Int(w >> 21)) }
        }
        storage += Array(repeating: 0, count: Self.denseSize(toInclude: target, atLeast: storage.count * 2) - storage.count)
        if storage.count > Self.denseCap && !tail.isEmpty {
            for w in tail { storage[Int(w >> 21)] &+= w & Self.sparseCountMask }
            tail = []
        }
    }

    /// A dense length that covers `slot`: a multiple of 64, at least `atLeast`, at most `slotCount`.
    private static func denseSize(toInclude slot: Int, atLeast: Int) -> Int {
        Swift.min(slotCount, Swift.max((slot / 64 + 1) * 64, atLeast))
    }

    /// Every non-empty slot and its count, in slot order for the dense form.
    private func forEachSlot(_ body: (Int, UInt32) -> Void) {
        if isDense {
            for i in 0..<storage.count where storage[i] != 0 { body(i, storage[i]) }
            // Tail slots all lie past the dense ones.
            for e in tail.sorted() { body(Int(e >> 21), e & Self.sparseCountMask) }
        } else if soleWord != 0 {
            body(Int(soleWord >> 21), soleWord & Self.sparseCountMask)
        } else {
            for e in storage.sorted() { body(Int(e >> 21), e & Self.sparseCountMask) }
        }
    }

    /// HdrHistogram's counts index for `value` (unit magnitude 0, sub-bucket half count 128).
    @inline(__always)
    static func slot(_ value: UInt64) -> Int {
        let bucket = 56 &- (value | 255).leadingZeroBitCount
        let subBucket = Int(truncatingIfNeeded: value >> UInt64(bucket))
        return ((bucket &+ 1) << 7) &+ subBucket &- 128
    }

    /// The lowest value that falls in counts slot `i` (inverse of `slot`).
    static func lowestValue(ofSlot i: Int) -> UInt64 {
        var bucket = (i >> 7) &- 1
        var subBucket = (i & 127) &+ 128
        if bucket < 0 { subBucket &-= 128; bucket = 0 }
        return UInt64(subBucket) << UInt64(bucket)
    }

    mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0, count + other.count <= Self.saturation else { return }
        if count == 0 { self = other; return }
        if isDense && other.isDense {
            if other.storage.count > storage.count { growDense(toInclude: other.storage.count - 1) }
            storage.withUnsafeMutableBufferPointer { dst in
                other.storage.withUnsafeBufferPointer { src in
                    for i in 0..<src.count where src[i] != 0 { dst[i] &+= src[i] }
                }
            }
            for e in other.tail { add(slot: Int(e >> 21), e & Self.sparseCountMask) }
        } else {
            other.forEachSlot { slot, n in add(slot: slot, n) }
        }
        count &+= other.count
        sum &+= other.sum
        maxValue = Swift.max(maxValue, other.maxValue)
    }

    /// p50/p90/p99 exactly as HdrHistogram's `valueAtPercentile` computes them from these slot counts
    /// (the highest value equivalent to the slot that holds the requested rank, clamped to the
    /// recorded minimum and maximum), exact max and mean, in milliseconds. Computed here in one pass
    /// instead of replaying into a `Histogram` (8 KiB and 2,048 slots per call): a snapshot of a
    /// hundred thousand hosts needs a hundred thousand of these.
    var summary: LatencySummary {
        guard count > 0 else { return LatencySummary() }
        let targets = [50.0, 90.0, 99.0].map { p -> UInt64 in
            let requested = Swift.min(Swift.max(p.nextDown, 0), 100)
            return Swift.max(1, UInt64((requested * Double(count) / 100).rounded(.up)))
        }
        var results = [UInt64](repeating: maxValue, count: 3)
        var found = 0
        var running: UInt64 = 0
        var minimum: UInt64?
        forEachSlot { i, n in
            guard found < 3 else { return }
            if minimum == nil { minimum = Self.lowestValue(ofSlot: i) }
            running &+= UInt64(n)
            while found < 3 && running >= targets[found] {
                let highest = Self.lowestValue(ofSlot: i) + Self.slotWidth(i) - 1
                results[found] = Swift.max(Swift.min(highest, maxValue), minimum ?? 0)
                found += 1
            }
        }
        return LatencySummary(count: Int(count), p50: Int(results[0]), p90: Int(results[1]), p99: Int(results[2]),
                              max: Int(maxValue), mean: Double(sum) / Double(count))
    }

    /// How many values slot `i` covers (1 below 256 ms, then doubling per bucket).
    static func slotWidth(_ i: Int) -> UInt64 { 1 << UInt64(Swift.max(0, (i >> 7) - 1)) }
}
