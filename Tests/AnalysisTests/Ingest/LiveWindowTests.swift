import AccessLog
import Foundation
import Testing
@testable import Analysis

/// The live reader's 10-second buckets and time windows.
@Suite struct LiveWindowTests {
    /// 2026-11-20T10:00:00Z, a multiple of 10 s.
    static let base: Int64 = 1_795_168_800_000

    /// One Istio 1.9 text line that started at `base + second` and took `durationMs`.
    static func line(second: Int, durationMs: Int = 0, code: Int = 200) -> String {
        let ms = base + Int64(second) * 1000
        let seconds = ms / 1000
        let time = String(format: "2026-11-20T%02d:%02d:%02d.000Z", (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60)
        return "[\(time)] \"GET /items/\(second) HTTP/1.1\" \(code) - via_upstream - \"-\" 0 10 \(durationMs) \(durationMs) \"-\" "
            + "\"curl/8\" \"id-\(second)\" \"web:80\" \"10.0.0.9:80\" outbound|80||web.default.svc.cluster.local "
            + "10.0.0.1:40000 10.96.0.9:80 10.0.0.1:39999 - default"
    }

    static func buckets(_ lines: [String]) -> LiveBuckets {
        var processor = LineProcessor(parser: LineParser(), sink: LiveBuckets(limits: .default, minSealIntervalMs: 0))
        for text in lines {
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBytes { processor.process(UnsafeRawBufferPointer($0), truncated: false) }
        }
        return processor.sink
    }

    @Test func windowsCoverTheLastBucketsOfLogTime() throws {
        var sink = Self.buckets((0..<100).map { Self.line(second: $0) })
        #expect(sink.total().snapshot().requests == 100)
        let minuteWindow = sink.windowed(.lastMinute)
        let minute = try #require(minuteWindow)
        #expect(minute.startMs == Self.base + 40_000, "buckets 40 s … 99 s: six buckets, the open one included")
        #expect(minute.aggregator.snapshot().requests == 60)
        let fiveWindow = sink.windowed(.last5Minutes)
        let five = try #require(fiveWindow)
        #expect(five.aggregator.snapshot().requests == 100)
        #expect(sink.windowed(.all) == nil)
        #expect(sink.sealed.count == 9)
    }

    /// A window settles the open bucket's waiting counts in place: merging a bucket with pending
    /// counts would settle a copy of it, and the copy's writes would copy its line-key cache at
    /// every publication.
    @Test func aWindowSettlesTheOpenBucketInPlace() throws {
        var sink = Self.buckets((0..<200).map { Self.line(second: $0 % 10) })
        #expect(sink.open.hasPendingCounts)
        let settled = sink.windowed(.lastMinute)
        let window = try #require(settled)
        #expect(!sink.open.hasPendingCounts)
        #expect(window.aggregator.snapshot().requests == 200)
        #expect(sink.open.snapshot().requests == 200)
    }

    @Test func recordsCountAtTheirEndTimeAndLateOnesInTheOpenBucket() throws {
        // A 30 s request that started at 0 s ends in bucket 3; then a late line from 5 s.
        var sink = Self.buckets([Self.line(second: 0), Self.line(second: 0, durationMs: 30_000), Self.line(second: 5)])
        #expect(sink.openIndex == (Self.base + 30_000) / 10_000)
        let minuteWindow = sink.windowed(.lastMinute)
        let minute = try #require(minuteWindow)
        #expect(minute.aggregator.snapshot().requests == 3)
        var later = Self.buckets((0..<3).map { Self.line(second: $0) } + [Self.line(second: 200)])
        let recentWindow = later.windowed(.lastMinute)
        let recent = try #require(recentWindow)
        #expect(recent.aggregator.snapshot().requests == 1, "only the open bucket is inside the last minute")
        #expect(later.total().snapshot().requests == 4)
    }

    @Test func sealedBucketsAreBoundedToTheLongestWindow() {
        var sink = Self.buckets(stride(from: 0, to: 1200, by: 5).map { Self.line(second: $0) })
        #expect(sink.sealed.count <= LiveBuckets.keptBuckets)
        #expect(sink.total().snapshot().requests == 240)
        #expect(sink.total().snapshot().recentLines.count == 240, "sealing keeps the recent lines in the total")
    }

    @Test func liveIngestPublishesTheSelectedWindowAlsoAfterTheInputEnded() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-window-\(UUID().uuidString).log").path
        let text = (0..<100).map { Self.line(second: $0) }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var ingest = LiveIngest(inputs: [path], customFormat: nil, publishIntervalMs: 20)
        ingest.bucketSealIntervalMs = 0
        let store = try ingest.start()
        defer { store.requestStop() }
        #expect(store.wait(timeoutMs: 10_000) { $0.ended } != nil)
        #expect(store.current.snapshot.requests == 100 && store.current.window == .all)
        store.setWindow(.lastMinute)
        #expect(store.wait(timeoutMs: 10_000) { $0.window == .lastMinute } != nil)
        let state = store.current
        #expect(state.snapshot.requests == 60)
        #expect(state.total.requests == 100)
        #expect(state.windowStartMs == Self.base + 40_000)
        #expect(state.snapshot.recentLines.count == 60, "recent lines are cut to the window")
    }

}

extension LiveWindowTests {
    @Test func arrivalTimeGivesWayToLogTimeAtTheFirstTimedRecord() throws {
        var sink = LiveBuckets(limits: .default, minSealIntervalMs: 0)
        sink.advance(toArrivalMs: Self.base + 10_000_000)      // the wall clock, far after the log's times
        var processor = LineProcessor(parser: LineParser(), sink: sink)
        for second in 0..<100 {
            var bytes = Array(Self.line(second: second).utf8)
            bytes.withUnsafeMutableBytes { processor.process(UnsafeRawBufferPointer($0), truncated: false) }
        }
        sink = processor.sink
        #expect(sink.openIndex == (Self.base + 99_000) / 10_000)
        let minuteWindow = sink.windowed(.lastMinute)
        let minute = try #require(minuteWindow)
        #expect(minute.aggregator.snapshot().requests == 60)
    }
}

extension LiveWindowTests {
    /// Log time far ahead of the clock (a fast replay): buckets grow instead of sealing every
    /// 10 s, and the window reports the true start of the oldest bucket it includes.
    @Test func fastReplaysGetCoarserBucketsAndSayWhereTheWindowStarts() throws {
        var processor = LineProcessor(parser: LineParser(), sink: LiveBuckets(limits: .default, minSealIntervalMs: 60_000))
        for second in 0..<100 {
            var bytes = Array(Self.line(second: second).utf8)
            bytes.withUnsafeMutableBytes { processor.process(UnsafeRawBufferPointer($0), truncated: false) }
        }
        var sink = processor.sink
        #expect(sink.sealed.isEmpty)
        #expect(sink.openFirstIndex == Self.base / 10_000 && sink.openIndex == (Self.base + 99_000) / 10_000)
        let minuteWindow = sink.windowed(.lastMinute)
        let minute = try #require(minuteWindow)
        #expect(minute.aggregator.snapshot().requests == 100)
        #expect(minute.startMs == Self.base, "the one bucket starts at 0 s, not at the nominal 40 s")
    }
}

/// `LiveStore.wait` blocks until a publication satisfies the condition, with no polling.
@Suite struct LiveStoreWaitTests {
    @Test func waitReturnsThePublishedStateThatMatches() {
        let store = LiveStore()
        ThreadRunner.detach {
            for n in 1...5 { store.update { $0.linesRead = n } }
            store.update { $0.ended = true }
        }
        let state = store.waitUntilEnded()
        #expect(state.ended && state.linesRead == 5)
        #expect(store.wait { $0.linesRead == 5 }?.linesRead == 5)   // already true: no wait
    }

    @Test func waitGivesUpAfterItsTimeout() {
        let store = LiveStore()
        #expect(store.wait(timeoutMs: 30) { $0.ended } == nil)
    }
}
