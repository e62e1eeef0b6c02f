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

    @Test func mutatedAndRandomLinesNeverCrash() throws {
        var generator = FormatFuzzRandom(seed: 42)
        var auto = LineParser()
        var custom = try LineParser(customFormat: #"[%START_TIME%] "%REQ(:METHOD)% %REQ(:PATH)%" %RESPONSE_CODE% %DURATION% "%REQ(USER-AGENT)%" %DYNAMIC_METADATA(x)%"#)
        var record = AccessRecord()
        let seeds = [
            #"[2024-05-14T09:21:33.412Z] "GET / HTTP/1.1" 200 - via_upstream - "-" 0 1 2 3 "-" "ua" "id" "a" "h" c l d r - x"#,
            #"{"response_code":200,"method":"GET","path":"/","start_time":"2024-01-02T03:04:05Z","n":[1,{"a":"}"}]}"#,
            "2024-01-02T03:04:05.123456Z\tinfo\txdsproxy\tconnected",
            #"[2024-05-14T09:21:33.412Z] "GET /a HTTP/1.1" 200 3 "curl \"x\"" 9"#,
        ]
        var classes = Set<String>()
        for round in 0..<600 {
            var bytes: [UInt8]
            if round % 5 == 4 {
                bytes = (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            } else {
                bytes = Array(seeds[Int(generator.next() % UInt64(seeds.count))].utf8)
                bytes.removeLast(Int(generator.next() % UInt64(bytes.count + 1)))
                for _ in 0..<Int(generator.next() % 3) where !bytes.isEmpty {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            let a = bytes.withUnsafeBytes { auto.parse($0, into: &record) }
            let b = bytes.withUnsafeBytes { custom.parse($0, into: &record) }
            classes.insert("\(a)")
            classes.insert("\(b)")
        }
        // The inputs were varied enough to reach access, non-access and malformed outcomes.
        #expect(classes.contains("access"))
        #expect(classes.contains { $0.hasPrefix("malformed") })
        #expect(classes.contains { $0.hasPrefix("nonAccess") })
    }
}

/// A small deterministic generator, so a failing input can be reproduced.
struct FormatFuzzRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
