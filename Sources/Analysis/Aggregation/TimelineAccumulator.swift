/// Requests and errors per time bucket, keyed by each record's start time.
///
/// Buckets are `2^k` seconds wide and aligned to multiples of their width since the epoch. Only
/// non-empty buckets are stored (sorted), at most `capacity` of them: when one more would not fit,
/// the width doubles and neighbouring buckets fold together. The width reached is always the smallest
/// power of two at which the records fill at most `capacity` buckets — a function of the records
/// alone, whatever their order — so aggregating in parts and merging gives the same series.
///
/// Because empty stretches cost nothing, one far-off record (a line from years earlier) costs one
/// bucket instead of stretching a dense series over years. The series shown (`timeline`) follows
/// where the records are (`TimelineWindow`): isolated outliers are left out and counted in
/// `Timeline.outsideRange`, and the shown range is then widened to fit `capacity` buckets.
///
/// Per record, `add(startTimeMs:error:)` only counts into a *pending* bucket while records stay in
/// the same bucket (log lines come roughly in time order), and moves the pending counts into the
/// arrays when the bucket changes: no array access per line. Every reader sees the settled series.
struct TimelineAccumulator: Sendable {
    let capacity: Int
    /// log2 of the stored bucket width in seconds.
    private var storedShift: Int64 = 0
    /// Absolute index (second >> shift) of each non-empty bucket, ascending.
    private var storedBuckets: [Int64] = []
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

    /// Width of the shown buckets.
    var bucketSeconds: Int { timeline.bucketSeconds }
    /// The shown series (see `timeline`).
    var requests: [Int] { timeline.requests }
    var errors: [Int] { timeline.errors }
    /// Non-empty buckets stored (at most `capacity`).
    var storedBucketCount: Int { settled.storedBuckets.count }

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
        let b = second >> storedShift
        if let last = storedBuckets.last, last == b {
            storedRequests[storedRequests.count - 1] &+= r
            storedErrors[storedErrors.count - 1] &+= e
            return
        }
        if storedBuckets.last.map({ b > $0 }) ?? true {
            storedBuckets.append(b)
            storedRequests.append(r)
            storedErrors.append(e)
        } else {
            let i = Self.lowerBound(storedBuckets, b)
            if i < storedBuckets.count && storedBuckets[i] == b {
                storedRequests[i] &+= r
                storedErrors[i] &+= e
                return
            }
            storedBuckets.insert(b, at: i)
            storedRequests.insert(r, at: i)
            storedErrors.insert(e, at: i)
        }
        while storedBuckets.count > capacity { coarsen() }
    }

    mutating func merge(_ other: TimelineAccumulator) {
        settle()
        var o = other.settled
        guard !o.storedBuckets.isEmpty else { return }
        while o.storedShift < storedShift { o.coarsen() }
        while storedShift < o.storedShift { coarsen() }
        var b: [Int64] = [], r: [Int] = [], e: [Int] = []
        b.reserveCapacity(storedBuckets.count + o.storedBuckets.count)
        r.reserveCapacity(b.capacity)
        e.reserveCapacity(b.capacity)
        var i = 0, j = 0
        while i < storedBuckets.count || j < o.storedBuckets.count {
            let takeSelf = j == o.storedBuckets.count || (i < storedBuckets.count && storedBuckets[i] <= o.storedBuckets[j])
            let bucket = takeSelf ? storedBuckets[i] : o.storedBuckets[j]
            var requests = 0, errors = 0
            if i < storedBuckets.count && storedBuckets[i] == bucket {
                requests &+= storedRequests[i]; errors &+= storedErrors[i]; i += 1
            }
            if j < o.storedBuckets.count && o.storedBuckets[j] == bucket {
                requests &+= o.storedRequests[j]; errors &+= o.storedErrors[j]; j += 1
            }
            b.append(bucket); r.append(requests); e.append(errors)
        }
        storedBuckets = b
        storedRequests = r
        storedErrors = e
        while storedBuckets.count > capacity { coarsen() }
    }

    /// The series over the range where the records are, zero-filled, at most `capacity` buckets.
    var timeline: Timeline {
        let s = settled
        guard !s.storedBuckets.isEmpty else { return Timeline() }
        let (lo, hi) = TimelineWindow.shown(buckets: s.storedBuckets, counts: s.storedRequests, shift: s.storedShift)
        var extra: Int64 = 0
        while (s.storedBuckets[hi] >> extra) - (s.storedBuckets[lo] >> extra) + 1 > Int64(s.capacity) { extra += 1 }
        let first = s.storedBuckets[lo] >> extra
        var requests = [Int](repeating: 0, count: Int((s.storedBuckets[hi] >> extra) - first) + 1)
        var errors = requests
        for i in lo...hi {
            let k = Int((s.storedBuckets[i] >> extra) - first)
            requests[k] &+= s.storedRequests[i]
            errors[k] &+= s.storedErrors[i]
        }
        var outside = 0
        for i in 0..<lo { outside &+= s.storedRequests[i] }
        for i in (hi + 1)..<s.storedBuckets.count { outside &+= s.storedRequests[i] }
        let shift = s.storedShift + extra
        return Timeline(bucketSeconds: 1 << Int(shift), startSecond: first << shift,
                        requests: requests, errors: errors, outsideRange: outside)
    }

    /// Doubles the bucket width, folding neighbouring buckets.
    private mutating func coarsen() {
        var b: [Int64] = [], r: [Int] = [], e: [Int] = []
        b.reserveCapacity(storedBuckets.count)
        r.reserveCapacity(storedBuckets.count)
        e.reserveCapacity(storedBuckets.count)
        for i in 0..<storedBuckets.count {
            let k = storedBuckets[i] >> 1
            if b.last == k {
                r[r.count - 1] &+= storedRequests[i]
                e[e.count - 1] &+= storedErrors[i]
            } else {
                b.append(k); r.append(storedRequests[i]); e.append(storedErrors[i])
            }
        }
        storedBuckets = b
        storedRequests = r
        storedErrors = e
        storedShift += 1
    }

    /// The first index whose bucket is ≥ `b`.
    private static func lowerBound(_ a: [Int64], _ b: Int64) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < b { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
