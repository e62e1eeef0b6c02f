import TestSupport
import AccessLog
import Testing
@testable import Analysis

@Suite struct KeyCacheDifferentialTests {
    /// Random lines mixing every dimension the key covers: ids and queries in paths, gRPC (also with
    /// id-like method names), TCP with and without SNI, flags, codes, attempts, long fields.
    static func randomLines(_ n: Int, seed: UInt64) -> [(TestLine, String)] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let paths: [(Int) -> String] = [{ "/api/v1/products/\($0)" }, { "/reviews/\($0)/summary" },
                                        { "/api/v1/products?page=\($0)" }, { "/static/app.\($0).js" }, { _ in "/cart" },
                                        { _ in "-" }, { "/x/5f2b1c9a\($0)" }, { _ in "/orders/{id}" },
                                        { "/orders/\($0)?x=1" }, { "/t/aB3_-xyzxyzxyzx\($0)" }]
        var out: [(TestLine, String)] = []
        for _ in 0..<n {
            var t: TestLine
            switch next(6) {
            case 0: t = .grpc(["/shop.Orders/GetOrder", "/shop.Orders/12345", "/shop.Orders/{id}"][next(3)],
                              status: Int16([0, 0, 14, 4][next(4)]), host: "10.2.0.\(next(4)):50051")
            case 1:
                t = .tcp(host: "10.3.0.\(next(3)):5432")
                if next(2) == 0 { t.sni = "db.\(next(2)).svc" }
                t.downstreamLocal = "10.96.0.\(next(3)):5432"
            default:
                t = TestLine()
                t.path = paths[next(paths.count)](next(40))
                t.method = ["GET", "PUT", "POST", "DELETE"][next(4)]
                t.proto = ["HTTP/1.1", "HTTP/2"][next(2)]
                t.host = "10.1.0.\(next(5)):8080"
                t.cluster = "outbound|80||svc-\(next(6)).ns.svc.cluster.local" + (next(5) == 0 ? ";" : "")
                t.authority = "svc-\(next(4)):8080"
                t.code = [200, 200, 404, 503, 201][next(5)]
            }
            if next(8) == 0 { t.flags = ["UF,URX", "UO", "DC", "UT"][next(4)] }
            if next(40) == 0 { t.route = String(repeating: "r", count: 260) }
            if next(30) == 0 { t.path = "/" + String(repeating: "p", count: 90) + "/\(next(9))" }
            t.attempts = Int32(next(3)) - 1
            t.startMs += Int64(next(3_000_000))
            t.duration = next(10) == 0 ? -1 : Int64(next(5000))
            t.upstreamTime = Int64(next(900)) - 1
            t.bytesOut = Int64(next(10_000))
            out.append((t, next(3) == 0 ? "" : "client-\(next(3))"))
        }
        return out
    }

    /// Aggregating random lines with the key cache gives the same snapshots as without it (at
    /// several points of the stream, under limits that make every table prune).
    @Test(arguments: [1 as UInt64, 2, 3])
    func cacheChangesNothing(seed: UInt64) throws {
        let lines = Self.randomLines(1500, seed: seed)
        func run(_ cacheEntries: Int, _ limits: AggregatorLimits) -> [Snapshot] {
            var l = limits
            l.keyCacheEntries = cacheEntries
            var a = Aggregator(limits: l)
            var snaps: [Snapshot] = []
            for (i, (t, pod)) in lines.enumerated() {
                a.add(t, pod: pod, container: "istio-proxy")
                if i % 500 == 499 { snaps.append(a.snapshot()) }
            }
            return snaps
        }
        for limits in [AggregatorLimits.report,
                       AggregatorLimits(clusters: 3, hosts: 4, methods: 3, paths: 4, keys: 3, sources: 2,
                                        breakdown: 4, maxKeyLength: 20)] {
            let plain = run(0, limits)
            try #require(plain.count == 3)
            #expect(plain[2].requests == 1500)
            #expect(run(2048, limits) == plain)
            #expect(run(4, limits) == plain)
        }
    }

    /// At mesh scale the cache grows and keeps pending counts across thousands of other keys:
    /// still the same snapshot as without a cache — below every bound, and with breakdown counters
    /// at their bounds (from then on pending counts go in before every uncached line).
    /// A stretch where every line brings new keys makes the cache step aside (`LineKeyCache.shouldSkip`);
    /// repeating lines afterwards bring it back. Neither changes a count.
    @Test func bypassingTheCacheChangesNothing() throws {
        let entries = 128
        let window = LineKeyCache(entries: entries).hitRateWindow
        var lines: [TestLine] = []
        for i in 0..<(window * 3) {
            var t = TestLine()
            t.cluster = "outbound|80||svc-\(i % 3000).ns.svc.cluster.local"
            t.host = "10.\(i % 200).\(i % 97).\(i % 251):8080"
            t.path = "/u\(i)/x"
            t.authority = "a\(i).example"
            t.duration = Int64(i % 700)
            lines.append(t)
        }
        for i in 0..<(window * 18) {
            var t = TestLine()
            t.cluster = "outbound|80||svc-\(i % 5).ns.svc.cluster.local"
            t.host = "10.1.0.\(i % 3):8080"
            t.duration = Int64(i % 300)
            lines.append(t)
        }
        func run(_ cacheEntries: Int) -> (Snapshot, bypassedAt: [Int]) {
            var a = Aggregator(limits: AggregatorLimits(recentLines: 0, recentLineBytes: 0, keyCacheEntries: cacheEntries))
            var bypassedAt: [Int] = []
            for (i, t) in lines.enumerated() {
                a.add(t, pod: "client-\(i % 7)", container: "istio-proxy")
                if i % window == window - 1 && a.keyCache.isBypassed { bypassedAt.append(i / window) }
            }
            return (a.snapshot(), bypassedAt)
        }
        let cached = run(entries), uncached = run(0)
        #expect(window == 1024)
        #expect(cached.0 == uncached.0)
        #expect(cached.0.requests == lines.count)
        // Bypassed after the first window of new keys, still while they last (judged every window
        // of lines, on the lookups of every 16th line), and no longer a window after lines repeat.
        #expect(cached.bypassedAt == [0, 1, 2])
        #expect(uncached.bypassedAt.isEmpty)
    }

    @Test(arguments: [AggregatorLimits.report, AggregatorLimits(breakdown: 2)])
    func growingCacheChangesNothing(limits: AggregatorLimits) throws {
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var lines: [(TestLine, String)] = []
        for _ in 0..<12_000 {
            let c = next(150)
            var t = TestLine()
            t.cluster = "outbound|50051||svc-\(c).ns.svc.cluster.local"
            t.authority = "svc-\(c).ns:50051"
            t.host = "10.64.\(next(8)).\(c):50051"
            t.code = [200, 200, 200, 503, 404][next(5)]
            if next(10) == 0 { t.flags = ["UF,URX", "UO"][next(2)] }
            t.duration = Int64(next(400))
            t.bytesOut = Int64(next(5000))
            lines.append((t, "client-\(next(40))"))
        }
        func run(_ cache: LineKeyCache?) -> (Snapshot, Int) {
            var l = limits
            if cache == nil { l.keyCacheEntries = 0 }
            var a = Aggregator(limits: l)
            if let cache { a.keyCache = cache }
            for (t, pod) in lines { a.add(t, pod: pod, container: "istio-proxy") }
            return (a.snapshot(), a.keyCache.entryCount)
        }
        let (plain, _) = run(nil)
        let (cached, entries) = run(LineKeyCache(entries: 4096, initialEntries: 16))
        #expect(entries > 16)
        #expect(cached == plain)
        #expect(plain.requests == 12_000)
    }
}
