import Testing
@testable import Analysis

/// Opaque ids collapse into `{id}`, real words and versions stay: checked against lists of real ids
/// and real path words, through both the normaliser and the line key's fast path.
@Suite struct PathIdentifierTests {
    static let ids = [
        // Online Boutique product ids and similar opaque upper-case ids.
        "OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM", "2ZYFJ3GM2N", "0PUK6V6EV0", "LS4PSXUNUM", "9SIQT8TOJO",
        "6E92ZMYYFZ", "SKU12345AB",
        // ULIDs, base64url tokens, UUIDs, hashes, numbers.
        "01ARZ3NDEKTSV4RRFFQ69G5FAV", "01HF8Z3K6Q2M9X4V7B1N5C8D2E", "dGhpcyBpcyBhIHRva2Vu_x9", "eyJhbGciOiJIUzI1NiJ9",
        "123e4567-e89b-12d3-a456-426614174000", "8f14e45fceea167a5a36dedd4bea2543", "5f2b1c9a", "507f1f77bcf86cd799439011",
        "42", "1700000000",
        // Base62 short ids (mixed case with digits).
        "dQw4w9WgXcQ", "aZ3kQ9pLx", "Xy7Kp2Qm",
    ]
    static let words = [
        "v1", "v2beta1", "oauth2", "healthz", "readyz", "livez", "api", "products", "checkout", "ISO8601", "HTTP2",
        "product2023", "sha256sum", "ipv4only", "s3", "k8s", "page2", "metrics", "UTF8", "x509", "grpc.health.v1.Health",
        "index.html", "v1.2.3", "favicon.ico", "OrderService",
    ]

    @Test(arguments: ids)
    func opaqueIdsAreIdentifiers(id: String) {
        #expect(Self.isID(id), "\(id)")
        #expect(LineKeyTests.normalized("/api/v1/products/\(id)/reviews") == "/api/v1/products/{id}/reviews")
        #expect(LineKeyTests.written("/product/\(id)").0 == "/product/{id}")
    }

    @Test(arguments: words)
    func wordsAndVersionsStay(word: String) {
        #expect(!Self.isID(word), "\(word)")
        let path = "/api/v1/\(word)/list"
        #expect(LineKeyTests.normalized(path) == path)
        #expect(LineKeyTests.written(path).0 == path)
    }

    /// Each product page is one path row, as a user counts them.
    @Test func productPagesCollapseIntoOneKey() {
        let keys = Set(Self.ids.prefix(10).map { LineKeyTests.normalized("/product/\($0)") })
        #expect(keys == ["/product/{id}"])
    }

    static func isID(_ segment: String) -> Bool {
        Array(segment.utf8).withUnsafeBytes { PathNormalizer.isIdentifier($0) }
    }
}
