/// Requests and errors per time bucket, keyed by each record's start time.
///
/// Buckets are `2^k` seconds wide and aligned to multiples of their width since the epoch. When the
/// covered span would need more than `capacity` buckets, the width doubles and neighbouring buckets
/// fold together. The width reached is always the smallest power of two that fits the span, whatever
/// the order of the records, so aggregating in parts and merging gives the same series.
///
/// Per record, `add(startTimeMs:error:)` only counts into a *pending* bucket while records stay in
/// the same bucket (log lines come roughly in time order), and moves the pending counts into the
/// arrays when the bucket changes: no array access per line. Every reader sees the settled series.
struct TimelineAccumulator: Sendable {
    let capacity: Int
    /// log2 of the bucket width in seconds.
    private var storedShift: Int64 = 0
    /// Absolute index (second >> shift) of `storedRequests[0]`.
    private var storedFirst: Int64 = 0
    private var storedRequests: [Int] = []
    private var storedErrors: [Int] = []
    /// The bucket (at the current shift) whose counts are not in the arrays yet; meaningful while
    /// `pendingRequests > 0`.
    private var pendingBucket: Int64 = 0
    private var pendingRequests = 0
    private var pendingErrors = 0

    init(capacity: Int) { self.capacity = max(2, capacity) }

    /// This accumulator with the pending counts moved into the arrays.
    private var settled: TimelineAccumulator {
        if pendingRequests == 0 { return self }
        var copy = self
        copy.settle()
        return copy
    }

    var bucketSeconds: Int { 1 << Int(settled.storedShift) }
    var requests: [Int] { settled.storedRequests }
    var errors: [Int] { settled.storedErrors }

    @inline(__always)
    mutating func add(startTimeMs: Int64, error: Bool) {
        let second = startTimeMs >= 0 ? startTimeMs / 1000 : (startTimeMs &- 999) / 1000
        if pendingRequests > 0 && second >> storedShift == pendingBucket {
            pendingRequests &+= 1
            if error { pendingErrors &+= 1 }
            return
        }
        startPending(second: second, error: error)
    }

    /// Settles the pending bucket and makes `second`'s bucket the pending one.
    @inline(never)
    private mutating func startPending(second: Int64, error: Bool) {
        settle()
        pendingBucket = second >> storedShift
        pendingRequests = 1
        pendingErrors = error ? 1 : 0
    }

    /// Moves the pending counts into the arrays.
    private mutating func settle() {
        guard pendingRequests > 0 else { return }
        let r = pendingRequests, e = pendingErrors
        pendingRequests = 0
        pendingErrors = 0
        add(second: pendingBucket << storedShift, requests: r, errors: e)
    }

    mutating func add(second: Int64, requests r: Int, errors e: Int) {
        settle()
        var b = second >> storedShift
        if storedRequests.isEmpty {
            storedFirst = b
            storedRequests.append(r)
            storedErrors.append(e)
            return
        }
        let offset = b - storedFirst
        if offset >= 0 && offset < Int64(storedRequests.count) {
            storedRequests[Int(offset)] &+= r
            if e != 0 { storedErrors[Int(offset)] &+= e }
            return
        }
        b = place(second)
        storedRequests[Int(b - storedFirst)] &+= r
        storedErrors[Int(b - storedFirst)] &+= e
    }

    mutating func merge(_ other: TimelineAccumulator) {
        settle()
        var o = other.settled
        guard !o.storedRequests.isEmpty else { return }
        while o.storedShift < storedShift { o.coarsen() }
        while storedShift < o.storedShift { coarsen() }
        for i in 0..<o.storedRequests.count where o.storedRequests[i] != 0 || o.storedErrors[i] != 0 {
            add(second: (o.storedFirst + Int64(i)) << o.storedShift, requests: o.storedRequests[i],
                errors: o.storedErrors[i])
        }
    }

    var timeline: Timeline {
        let s = settled
        return Timeline(bucketSeconds: 1 << Int(s.storedShift), startSecond: s.storedFirst << s.storedShift,
                        requests: s.storedRequests, errors: s.storedErrors)
    }

    /// Makes room for `second` (coarsening as needed) and returns its absolute bucket index.
    private mutating func place(_ second: Int64) -> Int64 {
        var b = second >> storedShift
        while true {
            let lo = min(storedFirst, b), hi = max(storedFirst + Int64(storedRequests.count) - 1, b)
            if hi - lo < Int64(capacity) { break }
            coarsen()
            b = second >> storedShift
        }
        if b < storedFirst {
            let pad = Int(storedFirst - b)
            storedRequests.insert(contentsOf: repeatElement(0, count: pad), at: 0)
            storedErrors.insert(contentsOf: repeatElement(0, count: pad), at: 0)
            storedFirst = b
        } else if b >= storedFirst + Int64(storedRequests.count) {
            let pad = Int(b - storedFirst) - storedRequests.count + 1
            storedRequests.append(contentsOf: repeatElement(0, count: pad))
            storedErrors.append(contentsOf: repeatElement(0, count: pad))
        }
        return b
    }

    /// Doubles the bucket width, folding pairs of buckets.
    private mutating func coarsen() {
        let newFirst = storedFirst >> 1
        let last = (storedFirst + Int64(storedRequests.count) - 1) >> 1
        var r = [Int](repeating: 0, count: Int(last - newFirst) + 1)
        var e = r
        for i in 0..<storedRequests.count {
            let j = Int(((storedFirst + Int64(i)) >> 1) - newFirst)
            r[j] &+= storedRequests[i]
            e[j] &+= storedErrors[i]
        }
        storedRequests = r
        storedErrors = e
        storedFirst = newFirst
        storedShift += 1
    }
}
