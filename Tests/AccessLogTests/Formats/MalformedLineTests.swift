import Testing
@testable import AccessLog

@Suite struct MalformedLineTests {
    func kind(_ bytes: [UInt8]) -> LineClass {
        var parser = LineParser()
        return FormatFixture(bytes: bytes, parser: &parser).lineClass
    }

    @Test func binaryAndNUL() {
        #expect(kind([0x00, 0x01, 0xFF, 0x7F, 0x10]) == .malformed(.binary))
        #expect(kind(Array("hello".utf8) + [0] + Array("world".utf8)) == .malformed(.binary))
        #expect(kind(Array("2024-01-02T03:04:05.123456Z\tinfo\tx".utf8) + [0]) == .malformed(.binary))
        #expect(kind([0x5B, 0x00, 0x00]) == .malformed(.binary))
    }

    @Test func invalidUTF8() {
        #expect(kind(Array("caf".utf8) + [0xC3, 0x28]) == .malformed(.binary))
        #expect(kind([0xED, 0xA0, 0x80]) == .malformed(.binary))        // surrogate
        #expect(kind([0xC0, 0xAF]) == .malformed(.binary))              // overlong
        #expect(kind(Array("café ok".utf8)) == .nonAccess(.other))
    }

    @Test func binaryJSONAndTruncatedJSON() {
        #expect(kind(Array(#"{"response_code":2"#.utf8) + [0xFF]) == .malformed(.binary))
        #expect(kind(Array(#"{"response_code":200,"method":"GE"#.utf8)) == .malformed(.badJSON))
    }

    @Test func otherJunkIsUnrecognised() {
        #expect(kind([0x01, 0x02, 0x41, 0x42]) == .malformed(.unrecognised))
        #expect(kind(Array("@@@ ~~~".utf8)) == .malformed(.unrecognised))
    }

    @Test func accessLineWithNULStillParses() {
        var line = Array(#"[2016-04-15T20:17:00.310Z] "GET / HTTP/1.1" 200 - 0 0 1 1 "-" "a"#.utf8)
        line += [0]
        line += Array(#"b" "id" "host" "10.0.0.1:80""#.utf8)
        #expect(kind(line) == .access)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        var parser = LineParser()
        var record = AccessRecord()
        let seeds = [#"[2024-05-14T09:21:33.412Z] "GET / HTTP/1.1" 200 - via_upstream - "-" 0 1 2 3 "-" "ua" "id" "a" "h" c l d r - x"#,
                     #"{"response_code":200,"method":"GET","path":"/","start_time":"2024-01-02T03:04:05Z"}"#]
        var accessCount = 0
        for _ in 0..<400 {
            var bytes = Array(seeds[Int.random(in: 0..<2, using: &generator)].utf8)
            let cut = Int.random(in: 0...bytes.count, using: &generator)
            bytes.removeLast(bytes.count - cut)
            if !bytes.isEmpty, Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let result = bytes.withUnsafeBytes { parser.parse($0, into: &record) }
            if result == .access { accessCount += 1 }
        }
        #expect(accessCount < 400)
    }
}
