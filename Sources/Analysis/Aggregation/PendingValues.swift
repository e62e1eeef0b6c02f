/// The per-line values — duration, upstream service time, bytes, attempts — of up to `capacity`
/// lines that hit one `LineKeyCache` entry, kept until the entry is drained or the buffer is full.
///
/// The aggregator then records them into the entry's cluster, host and method in one batch
/// (`ClusterAccumulator.recordValues(_:hasHost:)`, after waiting in a queue: `ValueBatch`): one
/// array-uniqueness check per histogram per batch instead of per line. Histograms, sums and maxima
/// do not depend on the order of recording, so batching changes no result.
struct PendingValues: Sendable {
    static let capacity = 8
    /// An absent time (negative in the record): not recorded.
    static let none = UInt32.max

    /// Durations and upstream service times, clamped to `LatencyHistogram.maxValueMs`, or `none`.
    /// Tuples keep the buffers inline (no allocation, no per-line uniqueness check).
    private var durations: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var serviceTimes: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0
    private(set) var bytesReceived: Int64 = 0
    private(set) var bytesSent: Int64 = 0
    /// Largest attempt count seen (`Int32.min` before any).
    private(set) var maxAttempts = Int32.min

    var isEmpty: Bool { count == 0 }

    init() {}

    /// A batch read from a `LineKeyCache` entry: `count` durations and service times (`UInt32`
    /// each) at the two addresses, and the sums and maximum kept alongside.
    init(count: Int, durations: UnsafeRawPointer, serviceTimes: UnsafeRawPointer, bytesReceived: Int64,
         bytesSent: Int64, maxAttempts: Int32) {
        let n = Swift.min(Swift.max(count, 0), Self.capacity)
        withUnsafeMutableBytes(of: &self.durations) { $0.baseAddress!.copyMemory(from: durations, byteCount: n * 4) }
        withUnsafeMutableBytes(of: &self.serviceTimes) { $0.baseAddress!.copyMemory(from: serviceTimes, byteCount: n * 4) }
        self.count = n
        self.bytesReceived = bytesReceived
        self.bytesSent = bytesSent
        self.maxAttempts = maxAttempts
    }

    /// Keeps one line's values; true when the buffer is now full (the caller records and resets it).
    @inline(__always)
    mutating func append(_ f: LineFacts) -> Bool {
        let k = count &* 4
        withUnsafeMutableBytes(of: &durations) { $0.storeBytes(of: Self.clamped(f.durationMs), toByteOffset: k, as: UInt32.self) }
        withUnsafeMutableBytes(of: &serviceTimes) {
            $0.storeBytes(of: Self.clamped(f.upstreamServiceTimeMs), toByteOffset: k, as: UInt32.self)
        }
        count &+= 1
        bytesReceived &+= f.bytesReceived
        bytesSent &+= f.bytesSent
        if f.attempts > maxAttempts { maxAttempts = f.attempts }
        return count == Self.capacity
    }

    /// The kept durations (valid during `body`).
    func withDurations<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        withUnsafeBytes(of: durations) { body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt32.self), count: count)) }
    }

    /// The kept upstream service times (valid during `body`).
    func withServiceTimes<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        withUnsafeBytes(of: serviceTimes) {
            body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt32.self), count: count))
        }
    }

    /// A time as the histogram records it: `none` when negative, else at most `maxValueMs`.
    @inline(__always)
    static func clamped(_ ms: Int64) -> UInt32 {
        ms < 0 ? none : UInt32(truncatingIfNeeded: Swift.min(UInt64(ms), LatencyHistogram.maxValueMs))
    }
}
