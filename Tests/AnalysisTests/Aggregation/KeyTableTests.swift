import Testing
@testable import Analysis

@Suite struct KeyTableTests {
    /// Counts `key` once, pruning when full (as the aggregator does).
    static func count(_ t: inout KeyTable, _ key: String, serial: inout UInt64) {
        var k = key
        k.withUTF8 { p in
            let raw = t.clamp(UnsafeRawBufferPointer(p))
            let h = KeyTable.hash(raw)
            var slot = t.find(raw, hash: h)
            if slot < 0 {
                if t.isFull { _ = t.prune() }
                serial += 1
                slot = t.insert(raw, hash: h, serial: serial)
            }
            t.addCount(slot)
        }
    }

    static func counts(_ t: KeyTable) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: t.liveSlots.map { (t.keyString($0), t.counts[Int($0)]) })
    }

    @Test func findsAndCountsKeys() {
        var t = KeyTable(capacity: 8)
        var serial: UInt64 = 0
        for k in ["a", "bb", "a", "outbound|80||x.ns.svc.cluster.local", "a", ""] { Self.count(&t, k, serial: &serial) }
        #expect(Self.counts(t) == ["a": 3, "bb": 1, "outbound|80||x.ns.svc.cluster.local": 1, "": 1])
        #expect(t.otherCount == 0 && t.liveCount == 4)
    }

    /// Keys of every length up to 64 bytes (every way the hash reads a last partial word), and keys
    /// that differ only in their last byte or only in the byte before a 16-byte boundary, are told
    /// apart and counted apart.
    @Test func keysOfEveryLengthAreToldApart() {
        var t = KeyTable(capacity: 1_000)
        var serial: UInt64 = 0
        var expected: [String: Int] = [:]
        for n in 0...64 {
            let base = String((0..<n).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            var variants = [base]
            if n > 0 { variants.append(String(base.dropLast()) + "#") }
            if n > 16 { variants.append(String(base.prefix(15)) + "#" + String(base.dropFirst(16))) }
            for (i, v) in variants.enumerated() {
                for _ in 0...i { Self.count(&t, v, serial: &serial) }
                expected[v, default: 0] += i + 1
            }
        }
        #expect(Self.counts(t) == expected)
        #expect(t.otherCount == 0)
    }

    @Test func pruneKeepsHeaviestHalfAndTotalsExact() {
        var t = KeyTable(capacity: 4)
        var serial: UInt64 = 0
        for (k, n) in [("a", 10), ("b", 7), ("c", 2), ("d", 1)] {
            for _ in 0..<n { Self.count(&t, k, serial: &serial) }
        }
        Self.count(&t, "e", serial: &serial)   // full: prunes c and d
        #expect(Self.counts(t) == ["a": 10, "b": 7, "e": 1])
        #expect(t.otherCount == 3 && t.floor == 2)
        let live = t.liveSlots.reduce(0) { $0 + t.counts[Int($1)] }
        #expect(live + t.otherCount == 21)
    }

    @Test func lateHeavyHitterGetsIn() {
        var t = KeyTable(capacity: 16)
        var serial: UInt64 = 0
        // Old heavy keys, then a stream of one-off keys with a new heavy key at 1 in 4.
        for i in 0..<16 { for _ in 0..<1000 { Self.count(&t, "old-\(i)", serial: &serial) } }
        for i in 0..<4000 {
            Self.count(&t, i % 4 == 0 ? "late" : "noise-\(i)", serial: &serial)
        }
        let late = Self.counts(t)["late"]
        #expect(late != nil)
        #expect((late ?? 0) >= 900)
        #expect(t.liveCount <= 16)
    }

    @Test func longKeysAreCut() {
        var t = KeyTable(capacity: 4, maxKeyLength: 16)
        var serial: UInt64 = 0
        Self.count(&t, String(repeating: "x", count: 100), serial: &serial)
        Self.count(&t, String(repeating: "x", count: 50), serial: &serial)
        #expect(Self.counts(t) == [String(repeating: "x", count: 16): 2])
    }

    @Test func staleReferencesAreDetected() {
        var t = KeyTable(capacity: 2)
        var serial: UInt64 = 0
        Self.count(&t, "a", serial: &serial)
        Self.count(&t, "a", serial: &serial)
        Self.count(&t, "b", serial: &serial)
        let bRef = KeyRef(table: .path, serial: t.serials[1], slot: 1)
        #expect(t.isLive(bRef))
        Self.count(&t, "c", serial: &serial)   // evicts b; c reuses its slot
        #expect(!t.isLive(bRef))
        #expect(t.keyString(1) == "c")
    }

    @Test func refCounterPrunesAndKeepsTotals() {
        var c = RefCounter(capacity: 4)
        for (k, n) in [(1, 9), (2, 5), (3, 1), (4, 1)] { c.add(UInt64(k), n) }
        c.add(5, 2)
        #expect(c.entries.map(\.key) == [1, 2, 5])
        #expect(c.total == 18 && c.other == 2)
        var d = RefCounter(capacity: 8)
        d.merge(c) { $0 == 2 ? nil : $0 + 10 }
        #expect(d.count(11) == 9 && d.count(15) == 2 && d.other == 7)
    }
}
