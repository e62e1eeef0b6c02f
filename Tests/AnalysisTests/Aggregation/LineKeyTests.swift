import TestSupport
import AccessLog
import Testing
@testable import Analysis

@Suite struct LineKeyTests {
    /// `PathKeyWriter.write` through a 64-byte window (the common case) or the fallback.
    static func written(_ path: String) -> (String, PathKeyWriter.Written) {
        let bytes = Array(path.utf8) + [UInt8](repeating: 0x41, count: 80)   // line bytes after the path
        return bytes.withUnsafeBytes { p in
            withUnsafeTemporaryAllocation(byteCount: 256, alignment: 16) { out in
                let w = PathKeyWriter.write(p.baseAddress!, count: path.utf8.count, window: p.baseAddress!,
                                            to: out.baseAddress!)
                let text = w.count < 0 ? "" : String(decoding: UnsafeRawBufferPointer(start: out.baseAddress!, count: w.count), as: UTF8.self)
                return (text, w)
            }
        }
    }

    static func normalized(_ path: String) -> String {
        Array(path.utf8).withUnsafeBytes { p in
            withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { out in
                let n = PathNormalizer.normalize(p, into: out)
                return String(decoding: UnsafeRawBufferPointer(start: out.baseAddress!, count: n), as: UTF8.self)
            }
        }
    }

    @Test func writerMatchesTheNormalizer() {
        let fixed = ["/", "/orders/42/items?x=1", "/api/v1/products/123", "/reviews/5/summary", "7/a", "/a/1",
                     "/shop.orders.v1.OrderService/GetOrder", "/u/8f14e45fceea167a5a36dedd4bea2543", "/x/5f2b1c9a",
                     "/x/5f2b1c9", "/t/aB3_-xyzxyzxyzxyz", "/t/aB3.-xyzxyzxyzxyz", "?q=1", "/api/v1/search?q=tent",
                     "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/21/22/23/24/25/26/27/28/29/30",
                     "/" + String(repeating: "a", count: 70) + "/123?x", "/" + String(repeating: "9", count: 63),
                     "/" + String(repeating: "b", count: 62) + "?1", "/" + String(repeating: "c", count: 63) + "1"]
        for path in fixed {
            let (text, w) = Self.written(path)
            #expect(text == Self.normalized(path), "\(path)")
            #expect(w.hasQuery == path.contains("?"))
            #expect(w.changed == (text != String(path.split(separator: "?", omittingEmptySubsequences: false)[0])))
        }
        // Random paths over an alphabet that makes every kind of segment.
        let alphabet = Array("/0123456789abcdefXYZ-_.?".utf8)
        var state: UInt64 = 12345
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = Int(state >> 58) + Int((state >> 20) % 40)
            var bytes: [UInt8] = []
            for k in 0..<n {
                let r = (state >> UInt64(k % 50)) &+ UInt64(k) &* 0x9E37_79B9
                bytes.append(alphabet[Int(r % UInt64(alphabet.count))])
                if k % 7 == 3 { state = state &* 6364136223846793005 &+ 1 }
            }
            let path = String(decoding: bytes, as: UTF8.self)
            #expect(Self.written(path).0 == Self.normalized(path), "\(path)")
        }
    }

    @Test func portableMasksMatch() {
        var bytes = [UInt8](repeating: 0, count: 16)
        var state: UInt64 = 7
        for _ in 0..<500 {
            for i in 0..<16 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes[i] = UInt8(truncatingIfNeeded: state >> 56)
                if i % 3 == 0 { bytes[i] = Array("/?0959:.".utf8)[Int(state >> 40) % 8] }
            }
            bytes.withUnsafeBytes { p in
                let fast = PathKeyWriter.masks16(p.baseAddress!), slow = PathKeyWriter.portableMasks16(p.baseAddress!)
                #expect(fast.digits == slow.digits && fast.slashes == slow.slashes && fast.queries == slow.queries && fast.dots == slow.dots)
            }
        }
    }

    @Test func portableEqualMatches() {
        var state: UInt64 = 3
        for length in stride(from: 8, through: 248, by: 8) {
            let a = (0..<length).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            for flip in [-1, 0, length / 2, length - 1] {
                var b = a
                if flip >= 0 { b[flip] ^= 0x10 }
                a.withUnsafeBytes { pa in
                    b.withUnsafeBytes { pb in
                        let fast = LineKey.equal(pa.baseAddress!, pb.baseAddress!, length: length)
                        #expect(fast == LineKey.portableEqual(pa.baseAddress!, pb.baseAddress!, length: length))
                        #expect(fast == (flip < 0))
                    }
                }
            }
        }
    }

    /// The key of a line: equal for lines that differ only in per-line values or ids, different
    /// when a counted field differs.
    static func key(_ t: TestLine) -> [UInt8] {
        let (line, record) = t.build()
        return line.withUnsafeBytes { l in
            withUnsafeTemporaryAllocation(byteCount: LineKey.scratchBytes, alignment: 16) { s in
                var f = LineFacts()
                f.signature.code = record.responseCode
                f.signature.flags = record.flags
                f.signature.grpcStatus = record.grpcStatus
                f.attempts = record.attemptCount
                let n = LineKey.build(RecordRanges(record), f, line: l, into: s.baseAddress!)
                return Array(UnsafeRawBufferPointer(start: s.baseAddress!, count: n))
            }
        }
    }

    @Test func keysSeparateWhatIsCounted() {
        var a = TestLine(), b = TestLine()
        a.path = "/orders/42?x=1"; b.path = "/orders/77?y=2"
        b.duration = 900; b.bytesOut = 5; b.startMs += 12_345
        #expect(!Self.key(a).isEmpty && Self.key(a) == Self.key(b))
        #expect(Self.key(a).count % 8 == 0)
        var c = a; c.path = "/orders/42"                  // no query
        var d = a; d.host = "10.1.0.2:8080"
        var e = a; e.code = 503
        var g = a; g.attempts = 2
        var h = a; h.route = "other"
        var i = a; i.path = "/orders/{id}?x=1"          // the normal form, but not changed by normalising
        for other in [c, d, e, g, h, i] { #expect(Self.key(other) != Self.key(a)) }
        var long = a; long.route = String(repeating: "r", count: 300)
        #expect(Self.key(long).isEmpty)
    }

    @Test func cacheStoresFindsAndDrains() {
        var cache = LineKeyCache(entries: 8)
        let keyA = Self.key(TestLine()), keyB = Self.key(.grpc())
        var refs = LineKeys()
        refs.cluster = KeyRef(table: .cluster, serial: 3, slot: 1)
        var sig = Signature()
        sig.code = 503; sig.flags = ResponseFlags(.upstreamConnectionFailure); sig.bits = Signature.error; sig.grpcStatus = 14
        keyA.withUnsafeBytes { k in
            let h = LineKey.hash(k.baseAddress!, length: k.count)
            #expect(cache.find(k.baseAddress!, length: k.count, hash: h) == -1)
            cache.store(k.baseAddress!, length: k.count, hash: h, keys: refs, signature: sig, epoch: 5)
            let i = cache.find(k.baseAddress!, length: k.count, hash: h)
            #expect(i >= 0 && cache.epoch(at: i) == 5 && cache.keys(at: i).cluster == refs.cluster)
            #expect(cache.signature(at: i) == sig)
            var f = LineFacts()
            f.bytesReceived = 10; f.durationMs = 7; f.attempts = 3
            for n in 1...9 {
                let full = cache.recordHit(i, epoch: 6, values: f)
                #expect(full == (n == PendingValues.capacity))
                if full {
                    let v = cache.takeValues(i)
                    #expect(v.count == PendingValues.capacity && v.bytesReceived == 80 && v.maxAttempts == 3)
                }
            }
            #expect(cache.hasPending && cache.epoch(at: i) == 6)
            var drained: [(Int, Int)] = []
            cache.drainPending { keys, s, n, values in
                #expect(keys.cluster == refs.cluster && s == sig)
                drained.append((n, values.count))
            }
            #expect(drained.count == 1 && drained[0] == (9, 1) && !cache.hasPending)
        }
        keyB.withUnsafeBytes { k in
            #expect(cache.find(k.baseAddress!, length: k.count, hash: LineKey.hash(k.baseAddress!, length: k.count)) == -1)
        }
    }

    /// Copies of a cache share its memory until one writes: draining a copy leaves the original's
    /// pending counts and values alone.
    @Test func copiesDoNotShareWrites() {
        var cache = LineKeyCache(entries: 16)
        let key = Self.key(TestLine())
        key.withUnsafeBytes { k in
            let h = LineKey.hash(k.baseAddress!, length: k.count)
            cache.store(k.baseAddress!, length: k.count, hash: h, keys: LineKeys(), signature: Signature(), epoch: 1)
            let i = cache.find(k.baseAddress!, length: k.count, hash: h)
            var f = LineFacts()
            f.durationMs = 3
            _ = cache.recordHit(i, epoch: 1, values: f)
            var copy = cache
            var seen = 0
            copy.drainPending { _, _, n, v in seen = n + v.count }
            #expect(seen == 2 && !copy.hasPending && cache.hasPending)
            cache.drainPending { _, _, n, v in seen = n + v.count }
            #expect(seen == 2)
        }
    }

    /// Keys of a mesh differ only in the middle of the cluster name and of the host: their hashes
    /// must still spread over the cache's sets (a hash that sampled the ends made 500 clusters × 20
    /// hosts share a few sets, and six lines in ten missed).
    @Test func meshKeysSpreadOverTheSets() {
        var sets = Set<Int>()
        var hashes = Set<UInt64>()
        for c in 0..<500 {
            for h in 0..<20 {
                var t = TestLine()
                t.cluster = "outbound|50051||svc-\(c).ns.svc.cluster.local"
                t.host = "10.64.\(h).\(c % 250):50051"
                t.authority = "svc-\(c).ns:50051"
                Self.key(t).withUnsafeBytes { k in
                    let hash = LineKey.hash(k.baseAddress!, length: k.count)
                    hashes.insert(hash)
                    sets.insert(Int(truncatingIfNeeded: hash) & (32768 - 1) & ~(LineKeyCache.ways - 1))
                }
            }
        }
        #expect(hashes.count == 10_000)
        // 10,000 keys over 4,096 sets of eight: a uniform hash fills about 3,740 of them.
        #expect(LineKeyCache.ways == 8 && sets.count > 3_400)
    }

    /// A cache whose entries keep being replaced while keys do repeat grows (keeping its entries), up to
    /// its maximum — even when keys come back in a cycle longer than the cache, so that it never
    /// hits; one that only ever sees new keys does not.
    @Test func cacheGrowsOnlyWhenKeysRepeat() {
        // `knownKeys`: a miss whose keys the aggregator's tables already knew (from the second round).
        func feed(_ cache: inout LineKeyCache, keys: Int, rounds: Int) {
            for round in 0..<rounds {
                let knownKeys = round > 0
                for n in 0..<keys {
                    var t = TestLine()
                    t.cluster = "outbound|80||svc-\(n).ns.svc.cluster.local"
                    Self.key(t).withUnsafeBytes { k in
                        let h = LineKey.hash(k.baseAddress!, length: k.count)
                        let i = cache.find(k.baseAddress!, length: k.count, hash: h)
                        if i >= 0 {
                            _ = cache.recordHit(i, epoch: 1, values: LineFacts())
                            return
                        }
                        if knownKeys { cache.noteRepeatedKeys() }
                        if cache.shouldGrow {
                            cache.drainPending { _, _, _, _ in }
                            cache.grow()
                        }
                        let victim = cache.victim(hash: h)
                        if cache.hasPendingCounts(victim) { cache.drainEntry(victim) { _, _, _, _ in } }
                        cache.store(k.baseAddress!, length: k.count, hash: h, keys: LineKeys(), signature: Signature(), epoch: 1)
                    }
                }
            }
        }
        var repeating = LineKeyCache(entries: 256, initialEntries: 8)
        #expect(repeating.entryCount == 8 && repeating.maxEntries == 256)
        feed(&repeating, keys: 100, rounds: 6)
        #expect(repeating.entryCount == 256)
        var unique = LineKeyCache(entries: 256, initialEntries: 8)
        feed(&unique, keys: 600, rounds: 1)
        #expect(unique.entryCount == 8)
        repeating.drainPending { _, _, _, _ in }
        repeating.release()
        #expect(repeating.entryCount == min(LineKeyCache.initialEntries, 256) && !repeating.hasPending)
    }

    /// A full set replaces its least recently used entry, and growing keeps every entry (found again
    /// with its keys, in the larger cache).
    @Test func fullSetReplacesTheLeastRecentlyUsedAndGrowingKeepsEntries() throws {
        var cache = LineKeyCache(entries: 64, initialEntries: 16)
        // Keys of one set of the 16-entry cache (two sets of eight).
        var keys: [[UInt8]] = []
        var n = 0
        while keys.count < LineKeyCache.ways + 1 {
            var t = TestLine()
            t.cluster = "outbound|80||svc-\(n).ns.svc.cluster.local"
            n += 1
            let k = Self.key(t)
            if Int(truncatingIfNeeded: Self.hash(k)) & 15 & ~(LineKeyCache.ways - 1) == 0 { keys.append(k) }
        }
        func find(_ k: [UInt8]) -> Int {
            k.withUnsafeBytes { cache.find($0.baseAddress!, length: $0.count, hash: Self.hash(k)) }
        }
        func store(_ k: [UInt8], cluster: UInt64) {
            var refs = LineKeys()
            refs.cluster = KeyRef(raw: cluster)
            k.withUnsafeBytes {
                cache.store($0.baseAddress!, length: $0.count, hash: Self.hash(k), keys: refs, signature: Signature(), epoch: 1)
            }
        }
        for (i, k) in keys.prefix(LineKeyCache.ways).enumerated() { store(k, cluster: UInt64(i + 1)) }
        // Every entry but the second is used again: the second is the one a new key replaces.
        for k in keys.prefix(LineKeyCache.ways) where k != keys[1] { _ = cache.recordHit(find(k), epoch: 1, values: LineFacts()) }
        cache.drainPending { _, _, _, _ in }
        store(keys[LineKeyCache.ways], cluster: 99)
        #expect(find(keys[1]) < 0 && find(keys[LineKeyCache.ways]) >= 0 && find(keys[0]) >= 0)
        cache.grow()
        #expect(cache.entryCount == 32)
        for (i, k) in keys.enumerated() where i != 1 {
            let entry = find(k)
            try #require(entry >= 0)
            #expect(cache.keys(at: entry).cluster.raw == (i == LineKeyCache.ways ? 99 : UInt64(i + 1)))
        }
    }

    static func hash(_ k: [UInt8]) -> UInt64 { k.withUnsafeBytes { LineKey.hash($0.baseAddress!, length: $0.count) } }
}
