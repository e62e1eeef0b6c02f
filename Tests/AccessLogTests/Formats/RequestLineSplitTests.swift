import Testing
@testable import AccessLog

/// `METHOD PATH PROTOCOL` is split at the first and the last space, whatever the lengths (the fast
/// path looks at the first and last 16 bytes only).
@Suite struct RequestLineSplitTests {
    func split(_ text: String) -> [String?] {
        let bytes = Array(("[x] \"" + text + "\"").utf8)
        var record = AccessRecord()
        bytes.withUnsafeBytes { line in
            TextLineParser.splitRequestLine(FieldRange(5, bytes.count - 1), line: line, into: &record)
        }
        return [AccessField.method, .path, .protocol].map { field in
            let r = record[field]
            return r.isAbsent ? nil : String(decoding: bytes[Int(r.lo)..<Int(r.hi)], as: UTF8.self)
        }
    }

    @Test func usualShapes() {
        #expect(split("POST /shop.orders.v1.OrderService/CreateOrder HTTP/2") == ["POST", "/shop.orders.v1.OrderService/CreateOrder", "HTTP/2"])
        #expect(split("GET / HTTP/1.1") == ["GET", "/", "HTTP/1.1"])
        #expect(split("- - -") == ["-", "-", "-"])
        #expect(split("GET /only-two-parts") == ["GET", "/only-two-parts", nil])
        #expect(split("NOSPACEATALLBUTLONGERTHANSIXTEEN") == ["NOSPACEATALLBUTLONGERTHANSIXTEEN", nil, nil])
    }

    @Test func randomLinesSplitAtTheFirstAndLastSpace() {
        var rng = SystemRandomNumberGenerator()
        let letters = Array("abcXYZ/._-?=%".utf8)
        for _ in 0..<2000 {
            let parts = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                String(decoding: (0..<Int.random(in: 0...30, using: &rng)).map { _ in letters.randomElement(using: &rng)! },
                       as: UTF8.self)
            }
            let text = parts.joined(separator: " ")
            guard let first = text.firstIndex(of: " "), let last = text.lastIndex(of: " ") else {
                #expect(split(text) == [text, nil, nil])
                continue
            }
            let method = String(text[..<first])
            let expected: [String?] = first == last
                ? [method, String(text[text.index(after: first)...]), nil]
                : [method, String(text[text.index(after: first)..<last]), String(text[text.index(after: last)...])]
            #expect(split(text) == expected, "\(text)")
        }
    }
}
