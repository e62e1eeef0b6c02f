import TestSupport
import AccessLog
import Testing
@testable import Analysis

@Suite struct PathKeyCacheTests {
    static func find(_ cache: PathKeyCache, _ path: String) -> PathKeyCache.Hit? {
        Array(path.utf8).withUnsafeBytes { cache.find($0) }
    }

    static func store(_ cache: inout PathKeyCache, _ path: String, grpc: Bool = false) -> UInt32 {
        Array(path.utf8).withUnsafeBytes { cache.store($0, isGRPCShape: grpc) }
    }

    @Test func findsWhatItStoredWithItsIdAndShape() throws {
        var cache = PathKeyCache(capacity: 64)
        #expect(Self.find(cache, "/api/v1/items") == nil)
        let a = Self.store(&cache, "/api/v1/items")
        let b = Self.store(&cache, "/shop.orders.v1.OrderService/GetOrder", grpc: true)
        #expect(a != 0 && b != 0 && a != b)
        let hitA = try #require(Self.find(cache, "/api/v1/items"))
        #expect(hitA.id == a && !hitA.isGRPCShape)
        let hitB = try #require(Self.find(cache, "/shop.orders.v1.OrderService/GetOrder"))
        #expect(hitB.id == b && hitB.isGRPCShape)
        // Same length, same ends, different middle; a prefix: never a false hit.
        #expect(Self.find(cache, "/api/v2/items") == nil)
        #expect(Self.find(cache, "/api/v1/item") == nil)
        #expect(Self.find(cache, "/") == nil)
    }

    /// A full table stores nothing more, and every id keeps standing for its path.
    @Test func fullTableKeepsItsIdsAndStoresNothingMore() throws {
        var cache = PathKeyCache(capacity: 40)
        var ids: [String: UInt32] = [:]
        for i in 0..<100 {
            let path = "/p\(i)/" + String(repeating: "x", count: i % 23)
            let id = Self.store(&cache, path)
            if i < 40 { #expect(id == UInt32(i + 1)); ids[path] = id } else { #expect(id == 0) }
        }
        #expect(cache.count == 40)
        for (path, id) in ids { #expect(Self.find(cache, path)?.id == id) }
        #expect(Self.find(cache, "/p77/") == nil)
    }

    @Test func longPathsAreNotStored() {
        var cache = PathKeyCache(capacity: 8)
        let long = "/" + String(repeating: "a", count: PathKeyCache.maxLength)
        #expect(Self.store(&cache, long) == 0 && Self.find(cache, long) == nil)
        let fits = String(long.dropLast())
        #expect(Self.store(&cache, fits) != 0 && Self.find(cache, fits) != nil)
    }

    /// Hashes every byte: paths that differ anywhere rarely share a hash.
    @Test func hashSeesEveryByte() {
        var hashes: Set<UInt32> = []
        for i in 0..<40 {
            var bytes = Array("/shop.orders.v1.OrderService/GetOrder".utf8)
            bytes[i % bytes.count] ^= 0x20
            hashes.insert(bytes.withUnsafeBytes { PathKeyCache.hash($0) })
        }
        #expect(hashes.count >= 36)
    }

    /// Paths of every shape give the same snapshots with the key cache (and its path cache) on,
    /// off, and tiny, with the default and a very short key length.
    @Test func pathCacheDoesNotChangeResults() {
        let paths = [
            "/shop.orders.v1.OrderService/GetOrder", "/shop.orders.v1.OrderService/GetOrder?x=1",
            "/api/v1/items", "/api/v1/items?page=2", "/orders/42/items", "/orders/43/items?x=9", "/", "-", "?q=1",
            "/users/3f2a1b0c-9b1a-4c55-8d7e-7f9c2c0e9d8e", "/a/b2c/", "//double//slash/7", "/grpc.health.v1.Health/Check",
            "/shop.Orders/Place Order", "/" + String(repeating: "seg1/", count: 40), "/" + String(repeating: "x", count: 200),
            "/averyveryverylongsegmentwithdigits123/x", "/v2/users/u-12/avatar.png",
        ]
        func run(cache: Int, keyLength: Int) -> Snapshot {
            let limits = AggregatorLimits(paths: 8, maxKeyLength: keyLength, keyCacheEntries: cache)
            var a = Aggregator(limits: limits)
            for i in 0..<400 {
                let path = paths[(i * 7) % paths.count]
                var t = i % 3 == 0 ? TestLine.grpc(path, status: Int16(i % 4)) : TestLine()
                t.path = path
                t.method = ["GET", "POST", "DELETE"][i % 3]
                if i % 4 == 1 { t.proto = "HTTP/2" }
                a.add(t)
            }
            return a.snapshot()
        }
        for keyLength in [256, 16] {
            let plain = run(cache: 0, keyLength: keyLength)
            #expect(plain.requests == 400)
            #expect(run(cache: 2048, keyLength: keyLength) == plain)
            #expect(run(cache: 4, keyLength: keyLength) == plain)
        }
    }
}
