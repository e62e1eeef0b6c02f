/// Requests and errors per time bucket, keyed by each record's start time.
///
/// Buckets are `2^k` seconds wide and aligned to multiples of their width since the epoch. When the
/// covered span would need more than `capacity` buckets, the width doubles and neighbouring buckets
/// fold together. The width reached is always the smallest power of two that fits the span, whatever
/// the order of the records, so aggregating in parts and merging gives the same series.
struct TimelineAccumulator: Sendable {
    let capacity: Int
    /// log2 of the bucket width in seconds.
    private(set) var shift: Int64 = 0
    /// Absolute index (second >> shift) of `requests[0]`.
    private(set) var first: Int64 = 0
    private(set) var requests: [Int] = []
    private(set) var errors: [Int] = []

    init(capacity: Int) { self.capacity = max(2, capacity) }

    var bucketSeconds: Int { 1 << Int(shift) }

    @inline(__always)
    mutating func add(startTimeMs: Int64, error: Bool) {
        let second = startTimeMs >= 0 ? startTimeMs / 1000 : (startTimeMs &- 999) / 1000
        add(second: second, requests: 1, errors: error ? 1 : 0)
    }

    @inline(__always)
    mutating func add(second: Int64, requests r: Int, errors e: Int) {
        var b = second >> shift
        if requests.isEmpty {
            first = b
            requests.append(r)
            errors.append(e)
            return
        }
        let offset = b - first
        if offset >= 0 && offset < Int64(requests.count) {
            requests[Int(offset)] &+= r
            if e != 0 { errors[Int(offset)] &+= e }
            return
        }
        b = place(second)
        requests[Int(b - first)] &+= r
        errors[Int(b - first)] &+= e
    }

    mutating func merge(_ other: TimelineAccumulator) {
        guard !other.requests.isEmpty else { return }
        var o = other
        while o.shift < shift { o.coarsen() }
        while shift < o.shift { coarsen() }
        for i in 0..<o.requests.count where o.requests[i] != 0 || o.errors[i] != 0 {
            add(second: (o.first + Int64(i)) << o.shift, requests: o.requests[i], errors: o.errors[i])
        }
    }

    var timeline: Timeline {
        Timeline(bucketSeconds: bucketSeconds, startSecond: first << shift, requests: requests, errors: errors)
    }

    /// Makes room for `second` (coarsening as needed) and returns its absolute bucket index.
    private mutating func place(_ second: Int64) -> Int64 {
        var b = second >> shift
        while true {
            let lo = min(first, b), hi = max(first + Int64(requests.count) - 1, b)
            if hi - lo < Int64(capacity) { break }
            coarsen()
            b = second >> shift
        }
        if b < first {
            let pad = Int(first - b)
            requests.insert(contentsOf: repeatElement(0, count: pad), at: 0)
            errors.insert(contentsOf: repeatElement(0, count: pad), at: 0)
            first = b
        } else if b >= first + Int64(requests.count) {
            let pad = Int(b - first) - requests.count + 1
            requests.append(contentsOf: repeatElement(0, count: pad))
            errors.append(contentsOf: repeatElement(0, count: pad))
        }
        return b
    }

    /// Doubles the bucket width, folding pairs of buckets.
    private mutating func coarsen() {
        let newFirst = first >> 1
        let last = (first + Int64(requests.count) - 1) >> 1
        var r = [Int](repeating: 0, count: Int(last - newFirst) + 1)
        var e = r
        for i in 0..<requests.count {
            let j = Int(((first + Int64(i)) >> 1) - newFirst)
            r[j] &+= requests[i]
            e[j] &+= errors[i]
        }
        requests = r
        errors = e
        first = newFirst
        shift += 1
    }
}
