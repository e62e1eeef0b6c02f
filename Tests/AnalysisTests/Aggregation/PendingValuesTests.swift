import AccessLog
import Testing
@testable import Analysis

@Suite struct PendingValuesTests {
    /// Values kept in batches and recorded at once give the same histograms, bytes and attempts as
    /// recording every line directly — absent times, huge times and partial batches included.
    @Test func batchesRecordWhatEachLineWouldRecord() {
        var direct = MethodAccumulator(limits: .default)
        var batched = MethodAccumulator(limits: .default)
        var directCluster = ClusterAccumulator(limits: .default)
        var batchedCluster = ClusterAccumulator(limits: .default)
        var pending = PendingValues()
        var state: UInt64 = 99
        for i in 0..<203 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var f = LineFacts()
            f.durationMs = i % 7 == 0 ? -1 : Int64((state >> 33) % 5_000_000)
            f.upstreamServiceTimeMs = i % 5 == 0 ? -1 : Int64((state >> 40) % 900)
            f.bytesReceived = Int64(i * 3)
            f.bytesSent = Int64(i * 11)
            f.attempts = Int32(i % 4) - 1
            direct.recordValues(f)
            directCluster.recordValues(f, hasHost: false)
            if pending.append(f) {
                batched.recordValues(pending)
                batchedCluster.recordValues(pending, hasHost: false)
                pending = PendingValues()
            }
        }
        #expect(pending.count == 203 % PendingValues.capacity)
        batched.recordValues(pending)
        batchedCluster.recordValues(pending, hasHost: false)
        #expect(batched.latency.summary == direct.latency.summary)
        #expect(batched.maxAttempts == direct.maxAttempts && direct.maxAttempts == 2)
        #expect(batchedCluster.latencyWithoutHost.summary == directCluster.latencyWithoutHost.summary)
        #expect(batchedCluster.upstreamServiceTime.summary == directCluster.upstreamServiceTime.summary)
        #expect(batchedCluster.bytesReceived == directCluster.bytesReceived)
        #expect(batchedCluster.bytesSent == directCluster.bytesSent)
        #expect(direct.latency.summary.count == 203 - 29)
    }

    /// A batch of only absent times records nothing (and allocates nothing).
    @Test func absentTimesAreSkipped() {
        var h = LatencyHistogram()
        var pending = PendingValues()
        var f = LineFacts()
        f.durationMs = -1
        _ = pending.append(f)
        pending.withDurations { h.record(clamped: $0) }
        #expect(h.count == 0 && h.summary.count == 0)
    }
}
