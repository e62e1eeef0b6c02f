import AccessLog
import Testing
@testable import Analysis

@Suite struct TimelineAndRingTests {
    @Test func timelineCoarsensWhenTheSpanGrows() {
        var t = TimelineAccumulator(capacity: 4)
        for s in [100, 101, 103] { t.add(second: Int64(s), requests: 1, errors: 0) }
        #expect(t.bucketSeconds == 1 && t.requests == [1, 1, 0, 1])
        t.add(second: 104, requests: 1, errors: 1)   // span 100…104 needs 5 one-second buckets
        #expect(t.bucketSeconds == 2)
        #expect(t.timeline.startSecond == 100 && t.requests == [2, 1, 1] && t.errors == [0, 0, 1])
        t.add(second: 90, requests: 1, errors: 0)    // earlier start: 90…104 fits only 8-second buckets
        #expect(t.bucketSeconds == 8 && t.timeline.startSecond == 88 && t.requests == [1, 3, 1])
        #expect(t.errors == [0, 0, 1])
    }

    @Test func timelineIsOrderIndependentAndMergeable() {
        let seconds: [Int64] = [5, 900, 17, 3_000, 3_001, 42, 7_200, 8]
        var forward = TimelineAccumulator(capacity: 16)
        for s in seconds { forward.add(second: s, requests: 1, errors: s % 2 == 0 ? 1 : 0) }
        var backward = TimelineAccumulator(capacity: 16)
        for s in seconds.reversed() { backward.add(second: s, requests: 1, errors: s % 2 == 0 ? 1 : 0) }
        #expect(forward.timeline == backward.timeline)
        var a = TimelineAccumulator(capacity: 16), b = TimelineAccumulator(capacity: 16)
        for s in seconds.prefix(3) { a.add(second: s, requests: 1, errors: s % 2 == 0 ? 1 : 0) }
        for s in seconds.dropFirst(3) { b.add(second: s, requests: 1, errors: s % 2 == 0 ? 1 : 0) }
        a.merge(b)
        #expect(a.timeline == forward.timeline)
        #expect(forward.requests.count <= 16 && forward.requests.reduce(0, +) == seconds.count)
    }

    @Test func timelineHandlesTimesBeforeTheEpoch() {
        var t = TimelineAccumulator(capacity: 8)
        t.add(startTimeMs: -1500, error: false)
        t.add(startTimeMs: 500, error: true)
        #expect(t.timeline.startSecond == -2 && t.requests == [1, 0, 1])
    }

    static func entry() -> RecentLineRing.Entry {
        RecentLineRing.Entry(offset: 0, lineLength: 0, sourceLength: 0, cluster: FieldRange(0, 3), host: .absent,
                             method: .none, flags: [], code: 200, grpcStatus: -1, format: .istio19Plus,
                             durationMs: 1, startTimeMs: 0)
    }

    static func lines(_ ring: RecentLineRing) -> [String] {
        var out: [String] = []
        ring.forEach { _, line, source in
            out.append(String(decoding: line, as: UTF8.self) + "|" + String(decoding: source, as: UTF8.self))
        }
        return out
    }

    @Test func ringKeepsTheNewestLinesWithinItsBounds() {
        var ring = RecentLineRing(entryCapacity: 50, byteCapacity: 1024)
        for i in 0..<400 {
            let text = "line-\(i)-" + String(repeating: "x", count: i % 90)
            Array(text.utf8).withUnsafeBytes { l in
                Array("pod-\(i % 3)".utf8).withUnsafeBytes { s in ring.append(line: l, source: s, entry: Self.entry()) }
            }
        }
        let kept = Self.lines(ring)
        #expect(!kept.isEmpty && kept.count <= 50)
        #expect(kept.last?.hasPrefix("line-399-") == true && kept.last?.hasSuffix("|pod-0") == true)
        // Oldest first, consecutive, and every kept line intact.
        let numbers = kept.map { Int($0.split(separator: "-")[1])! }
        #expect(numbers == Array((400 - kept.count)..<400))
        for (n, text) in zip(numbers, kept) {
            #expect(text == "line-\(n)-" + String(repeating: "x", count: n % 90) + "|pod-\(n % 3)")
        }
        let bytes = kept.reduce(0) { $0 + $1.utf8.count - 1 }
        #expect(bytes <= 1024)
    }

    @Test func ringCountBoundAndLongLines() {
        var ring = RecentLineRing(entryCapacity: 3, byteCapacity: 4096, maxLineBytes: 100)
        for i in 0..<5 {
            Array(("L\(i)" + String(repeating: "y", count: 300)).utf8).withUnsafeBytes {
                ring.append(line: $0, source: UnsafeRawBufferPointer(start: nil, count: 0), entry: Self.entry())
            }
        }
        let kept = Self.lines(ring)
        #expect(kept.count == 3 && kept.first?.hasPrefix("L2") == true)
        #expect(kept.allSatisfy { $0.utf8.count == 101 })
    }
}
