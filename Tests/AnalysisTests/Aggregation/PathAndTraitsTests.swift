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

    /// The identifier rule, counted byte by byte (the specification `isIdentifier` must match).
    static func referenceIsIdentifier(_ s: [UInt8]) -> Bool {
        let n = s.count
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let isUpper = { (b: UInt8) in b >= 0x41 && b <= 0x5A }
        let isLower = { (b: UInt8) in b >= 0x61 && b <= 0x7A }
        let isHex = { (b: UInt8) in isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }
        let isAlnum = { (b: UInt8) in isDigit(b) || isUpper(b) || isLower(b) }
        let isToken = { (b: UInt8) in isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") }
        guard n > 0, s.contains(where: isDigit), s.allSatisfy(isToken) else { return false }
        if s.allSatisfy(isDigit) || n >= 16 { return true }
        guard n >= 8, s.allSatisfy(isAlnum) else { return false }
        let hexOnly = s.allSatisfy(isHex)
        let noLower = !s.contains(where: isLower)
        let mixedCase = s.contains(where: isLower) && s.contains(where: isUpper)
        return hexOnly || noLower || mixedCase
    }

    /// The digit-to-digit normaliser agrees with a plain segment-by-segment reference, also when the
    /// output is cut short.
    @Test func normaliserMatchesReference() {
        func reference(_ path: String) -> String {
            let noQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return noQuery.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
                Self.referenceIsIdentifier(Array(segment.utf8)) ? "{id}" : String(segment)
            }.joined(separator: "/")
        }
        func normal(_ path: String, cap: Int) -> String {
            Array(path.utf8).withUnsafeBytes { p in
                withUnsafeTemporaryAllocation(byteCount: cap, alignment: 1) { out in
                    let n = PathNormalizer.normalize(p, into: out)
                    return String(decoding: UnsafeRawBufferPointer(out)[0..<n], as: UTF8.self)
                }
            }
        }
        let alphabet = Array("/abcdefxyz0123456789-_.?/")
        var state: UInt64 = 12345
        for round in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 58) + (round % 3 == 0 ? 20 : 0)
            var path = "/"
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                path.append(alphabet[Int(state >> 59) % alphabet.count])
            }
            let expected = reference(path)
            #expect(normal(path, cap: 256) == expected, "\(path)")
            let cap = 1 + round % 23
            #expect(normal(path, cap: cap) == String(decoding: Array(expected.utf8).prefix(cap), as: UTF8.self), "\(path)")
        }
    }

    /// `isIdentifier` follows the counted rule for segments of every length and byte class.
    @Test func identifierRuleMatchesReference() {
        let alphabet = Array("0123456789abcdefABCxyzXYZ-_.~%".utf8)
        var state: UInt64 = 987
        for _ in 0..<20000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = Int(state >> 59) + Int((state >> 40) & 15)
            var bytes: [UInt8] = []
            for _ in 0..<n {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Mostly digits and hex letters, so every rule is reached.
                let pick = Int(state >> 58)
                bytes.append(alphabet[pick < 40 ? pick % 16 : pick % alphabet.count])
            }
            let got = bytes.withUnsafeBytes { PathNormalizer.isIdentifier($0) }
            #expect(got == Self.referenceIsIdentifier(bytes), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func digitMaskMarksExactlyTheDigits() {
        for b in 0...255 {
            let word = UInt64(b) << 24 | 0x4141_4141_0041_4141
            let mask = PathNormalizer.digitMask(word)
            #expect(mask == (UInt8(b) &- 0x30 < 10 ? UInt64(0x80) << 24 : 0), "\(b)")
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

    @Test func errorFlagMaskMatchesFlagMeanings() {
        #expect(RequestTraits.errorFlagMask == RequestTraits.derivedErrorFlagMask)
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
