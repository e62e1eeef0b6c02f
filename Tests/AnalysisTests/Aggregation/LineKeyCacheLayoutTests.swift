import Testing
@testable import Analysis

/// The cache entry's named offsets hold the types stored at them, without overlap.
@Suite struct LineKeyCacheLayoutTests {
    typealias L = LineKeyCacheLayout

    @Test func fieldsFitInOrderWithoutOverlap() {
        #expect(L.fits)
        let fields: [(offset: Int, size: Int)] = [
            (L.pending, 4), (L.epoch, 4), (L.keyLength, 2), (L.valuesKept, 1), (L.maxAttempts, 4),
            (L.bytesReceived, 8), (L.bytesSent, 8), (L.durations, PendingValues.capacity * 4),
            (L.serviceTimes, PendingValues.capacity * 4), (L.keys, MemoryLayout<LineKeys>.size), (L.signature, 16),
            (L.recency, 4), (L.key, LineKey.capacity),
        ]
        for (a, b) in zip(fields, fields.dropFirst()) { #expect(a.offset + a.size <= b.offset) }
        #expect(fields.last.map { $0.offset + $0.size } ?? 0 <= L.stride)
        #expect(L.stride % 64 == 0 && LineKeyCache.stride == L.stride)
        // Everything a hit reads before the key fits the entry's first three cache lines.
        #expect(L.key <= 192 && L.key % 16 == 0)
    }
}
