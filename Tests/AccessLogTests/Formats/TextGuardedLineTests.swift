import Testing
import TestSupport
@testable import AccessLog

/// The text parser's wide loads (64-byte blocks, 16-byte request-line masks, the 8-byte seconds
/// word) never touch a byte outside the line: every prefix of real lines, placed against an
/// inaccessible page on either side, parses like an ordinary copy.
@Suite struct TextGuardedLineTests {
    static let lines = [
        #"[2026-11-20T09:59:59.973Z] "POST /shop.orders.v1.OrderService/CreateOrder HTTP/2" 200 - via_upstream - "-" 527 144 27 27 "-" "grpc-go/1.62.1" "e17f6f7e-8acc-4a17-b390-3d0540d9c6ba" "orders:50051" "10.244.1.45:50051" outbound|50051||orders.shop.svc.cluster.local 10.244.0.36:57579 10.96.112.7:50051 10.244.0.36:47817 - default"#,
        #"[2026-11-20T09:59:59.973Z] "GET /a\"b HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} - "-" 0 91 2 - "-" "curl/8" "id" "web:80" "10.0.0.9:80" outbound|80||web.default.svc.cluster.local - 10.96.0.9:80 10.0.0.1:39999 - default"#,
        #"[2026-11-20T09:59:59.973Z] "- - -" 0 - - - "-" 1 2 3 - "-" "-" "-" "-" "10.0.0.7:5432" outbound|5432||db.shop.svc.cluster.local 10.0.0.1:1 10.96.0.7:5432 10.0.0.1:2 - -"#,
    ]

    func parse(_ line: UnsafeRawBufferPointer) -> (LineClass, [FieldRange], Int64) {
        var parser = LineParser()
        var record = AccessRecord()
        let result = parser.parse(line, into: &record)
        return (result, (0..<AccessField.count).map { record.fields[$0] }, record.startTimeMs)
    }

    @Test func everyPrefixParsesTheSameAgainstAGuardPage() {
        var compared = 0
        for text in Self.lines {
            let bytes = Array(text.utf8)
            for cut in 1...bytes.count {
                let line = Array(bytes[0..<cut])
                let expected = line.withUnsafeBytes { parse($0) }
                GuardedLine.withEach(line) { guarded in
                    let got = parse(guarded)
                    #expect(got.0 == expected.0 && got.1 == expected.1 && got.2 == expected.2, "cut \(cut)")
                    compared += 1
                }
            }
        }
        #expect(compared > 1000)
    }
}
