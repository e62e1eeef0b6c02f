import AccessLog
import TestSupport
import Testing
@testable import Analysis

/// One far-off timestamp must not stretch the timeline over years: the series follows where the
/// records are and counts the few left out.
@Suite struct TimelineOutlierTests {
    static let start: Int64 = 1_796_620_000          // 2026-12-07, an epoch second
    static let fiveYears: Int64 = 5 * 365 * 86_400

    /// `n` records, one every `step` seconds from `start`.
    static func capture(_ n: Int, step: Int64 = 1, from: Int64 = start) -> [Int64] {
        (0..<n).map { from + Int64($0) * step }
    }

    static func timeline(_ seconds: [Int64], capacity: Int = 3600) -> TimelineAccumulator {
        var t = TimelineAccumulator(capacity: capacity)
        for (i, s) in seconds.enumerated() { t.add(startTimeMs: s * 1000 + Int64(i % 1000), error: s % 10 == 0) }
        return t
    }

    /// The series before outliers were handled: the whole span at the smallest power-of-two width.
    static func reference(_ seconds: [Int64], capacity: Int = 3600) -> Timeline {
        guard let lo = seconds.min(), let hi = seconds.max() else { return Timeline() }
        var k: Int64 = 0
        while (hi >> k) - (lo >> k) + 1 > Int64(capacity) { k += 1 }
        var requests = [Int](repeating: 0, count: Int((hi >> k) - (lo >> k)) + 1), errors = requests
        for s in seconds {
            requests[Int((s >> k) - (lo >> k))] += 1
            if s % 10 == 0 { errors[Int((s >> k) - (lo >> k))] += 1 }
        }
        return Timeline(bucketSeconds: 1 << Int(k), startSecond: (lo >> k) << k, requests: requests, errors: errors)
    }

    @Test func oneRecordYearsEarlierIsLeftOut() {
        let t = Self.timeline([Self.start - Self.fiveYears] + Self.capture(600)).timeline
        #expect(t.bucketSeconds == 1 && t.startSecond == Self.start && t.requests.count == 600)
        #expect(t.outsideRange == 1 && t.requests.reduce(0, +) == 600)
        #expect(t == Self.timeline(Self.capture(600)).timeline.with(outside: 1))
    }

    @Test func oneRecordYearsLaterIsLeftOut() {
        let t = Self.timeline(Self.capture(600) + [Self.start + Self.fiveYears]).timeline
        #expect(t.bucketSeconds == 1 && t.startSecond == Self.start && t.requests.count == 600 && t.outsideRange == 1)
        // The newest bar is the capture's, not an empty one years later.
        #expect(t.requests.last == 1)
    }

    @Test func aFewOutliersOnBothSides() {
        let capture = Self.capture(10_000, step: 36, from: Self.start)     // 10,000 records over 100 h
        let outliers: [Int64] = [0, Self.start - Self.fiveYears, Self.start - Self.fiveYears + 1,
                                 Self.start + 2 * Self.fiveYears, Self.start + 3 * Self.fiveYears]
        var rng = TimelineRandom(seed: 7)
        let mixed = (capture + outliers).shuffled(using: &rng)
        let t = Self.timeline(mixed).timeline
        #expect(t.outsideRange == 5)
        #expect(t.requests.reduce(0, +) == 10_000)
        #expect(t == Self.reference(capture).with(outside: 5))
    }

    @Test func recordsNearTheRestAreAlwaysShown() {
        // A quiet hour before a burst is part of the capture, not an outlier.
        let burst = Self.capture(2_000, step: 1)
        let early = [Self.start - 3_000, Self.start - 2_000, Self.start - 1_000]
        let t = Self.timeline(early + burst).timeline
        #expect(t.outsideRange == 0 && t == Self.reference(early + burst))
        // Two captures a month apart with real traffic in both: both shown.
        let both = Self.capture(500) + Self.capture(500, from: Self.start + 30 * 86_400)
        #expect(Self.timeline(both).timeline == Self.reference(both))
        // Too few records to call any of them an outlier.
        let few = Self.capture(10) + [Self.start - Self.fiveYears]
        #expect(Self.timeline(few).timeline == Self.reference(few))
    }

    @Test func normalCapturesAreUnchanged() {
        var rng = TimelineRandom(seed: 42)
        for trial in 0..<40 {
            let n = 1 + Int(rng.next() % 3_000)
            let spread = Int64(1 + rng.next() % [60, 3_600, 86_400, 7 * 86_400][trial % 4])
            let seconds = (0..<n).map { _ in Self.start + Int64(rng.next() % UInt64(spread)) }
            let capacity = [16, 64, 3600][trial % 3]
            #expect(Self.timeline(seconds, capacity: capacity).timeline == Self.reference(seconds, capacity: capacity),
                    "trial \(trial)")
        }
    }

    @Test func mergeOfPartsEqualsOnePass() {
        var rng = TimelineRandom(seed: 9)
        let capture = (0..<5_000).map { _ in Self.start + Int64(rng.next() % 7_200) }
        let all = capture + [Self.start - Self.fiveYears, 12, Self.start + Self.fiveYears]
        let whole = Self.timeline(all).timeline
        #expect(whole.outsideRange == 3 && whole.bucketSeconds == 2)
        for parts in [2, 3, 7] {
            var merged = TimelineAccumulator(capacity: 3600)
            for p in 0..<parts {
                var part = TimelineAccumulator(capacity: 3600)
                for (i, s) in all.enumerated() where i % parts == p {
                    part.add(startTimeMs: s * 1000 + Int64(i % 1000), error: s % 10 == 0)
                }
                merged.merge(part)
            }
            #expect(merged.timeline == whole, "\(parts) parts")
        }
    }

    @Test func storageStaysBounded() {
        // Records scattered over a century: never more than `capacity` buckets kept.
        var rng = TimelineRandom(seed: 3)
        var t = TimelineAccumulator(capacity: 64)
        for _ in 0..<20_000 { t.add(startTimeMs: Int64(rng.next() % (100 * 365 * 86_400_000)), error: false) }
        #expect(t.storedBucketCount <= 64 && t.timeline.requests.count <= 64)
        #expect(t.timeline.requests.reduce(0, +) + t.timeline.outsideRange == 20_000)
    }

    @Test func theAggregatorKeepsTheTrueTimeRange() {
        var a = Aggregator()
        var old = TestLine()
        old.startMs = (Self.start - Self.fiveYears) * 1000
        a.add(old)
        for i in 0..<100 {
            var t = TestLine()
            t.startMs = Self.start * 1000 + Int64(i) * 500
            a.add(t)
        }
        let s = a.snapshot()
        #expect(s.timeRange?.firstMs == (Self.start - Self.fiveYears) * 1000)
        #expect(s.timeline.outsideRange == 1 && s.timeline.bucketSeconds == 1 && s.timeline.requests.count == 50)
    }
}

extension Timeline {
    func with(outside n: Int) -> Timeline {
        var t = self
        t.outsideRange = n
        return t
    }
}

/// A small seeded generator, so the tests are the same on every run.
struct TimelineRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
