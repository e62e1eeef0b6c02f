import AccessLog
import Testing
@testable import Analysis

@Suite struct PathAndTraitsTests {
    static func normal(_ path: String) -> String {
        Array(path.utf8).withUnsafeBytes { p in
            withUnsafeTemporaryAllocation(byteCount: 256, alignment: 1) { out in
                let n = PathNormalizer.normalize(p, into: out)
                return String(decoding: UnsafeRawBufferPointer(out)[0..<n], as: UTF8.self)
            }
        }
    }

    @Test(arguments: [
        ("/orders/42/items?x=1", "/orders/{id}/items"),
        ("/users/3f2a1b0c-9b1a-4c55-8d7e-7f9c2c0e9d8e", "/users/{id}"),
        ("/blobs/5f2b1c9a7e6d4b3a2c1d0e9f", "/blobs/{id}"),
        ("/api/v1/items", "/api/v1/items"),
        ("/tokens/aGVsbG8td29ybGQtMTIzNDU2", "/tokens/{id}"),
        ("/shop.Orders/PlaceOrder", "/shop.Orders/PlaceOrder"),
        ("/a/b2c/", "/a/b2c/"),
        ("/", "/"),
        ("/api/v1/catalog/products/9781234567897/reviews/42", "/api/v1/catalog/products/{id}/reviews/{id}"),
        ("/averyveryverylongsegmentwithoutdigits/x", "/averyveryverylongsegmentwithoutdigits/x"),
        ("//double//slash/7", "//double//slash/{id}"),
        ("/v2/users/u-12/avatar.png", "/v2/users/u-12/avatar.png"),
    ])
    func normalisesIdentifiers(path: String, expected: String) {
        #expect(Self.normal(path) == expected)
        let isNormal = Array(path.utf8).withUnsafeBytes { PathNormalizer.shape($0).isNormal }
        if isNormal { #expect(path == expected) }
    }

    /// The 8-bytes-at-a-time normaliser agrees with a plain segment-by-segment reference.
    @Test func normaliserMatchesReference() {
        func reference(_ path: String) -> String {
            let noQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return noQuery.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
                let bytes = Array(segment.utf8)
                return bytes.withUnsafeBytes { PathNormalizer.isIdentifier($0) } ? "{id}" : String(segment)
            }.joined(separator: "/")
        }
        let alphabet = Array("/abcdefxyz0123456789-_.?/")
        var state: UInt64 = 12345
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 58)
            var path = "/"
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                path.append(alphabet[Int(state >> 59) % alphabet.count])
            }
            #expect(Self.normal(path) == reference(path), "\(path)")
        }
    }

    @Test func grpcPathShape() {
        func check(_ s: String) -> Bool { Array(s.utf8).withUnsafeBytes { RequestTraits.isGRPCMethodPath($0) } }
        #expect(check("/shop.Orders/PlaceOrder"))
        #expect(check("/grpc.health.v1.Health/Check"))
        #expect(!check("/api/items"))            // no dot in the service
        #expect(!check("/shop.Orders/Place/x"))  // three segments
        #expect(!check("/shop.Orders/"))         // empty method
        #expect(!check("/shop.Orders/Get?x=1"))  // query
    }

    @Test func errorDefinition() {
        func isError(_ code: Int32, _ flags: String, _ grpc: Int16 = -1) -> Bool {
            RequestTraits.isError(code: code, flags: ResponseFlags.parse(flags) ?? [], grpcStatus: grpc)
        }
        #expect(isError(503, "-") && isError(500, "-") && !isError(404, "-") && !isError(200, "-"))
        #expect(isError(200, "UO") && isError(0, "UF,URX") && isError(404, "NR"))
        #expect(!isError(0, "DC") && !isError(0, "DR") && !isError(200, "DI") && !isError(200, "RFCF"))
        for status: Int16 in [2, 4, 8, 13, 14, 15] { #expect(isError(200, "-", status)) }
        for status: Int16 in [0, 1, 3, 5, 6, 7, 9, 10, 11, 12, 16] { #expect(!isError(200, "-", status)) }
    }
}
