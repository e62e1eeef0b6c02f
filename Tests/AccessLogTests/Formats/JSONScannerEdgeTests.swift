import Testing
@testable import AccessLog

/// JSON shapes the scanner must accept or reject without reading out of bounds.
@Suite struct JSONScannerEdgeTests {
    /// All members as "key=value(kind)", or nil when the object is rejected.
    func members(_ json: String) -> [String]? {
        let bytes = Array(json.utf8)
        return bytes.withUnsafeBytes { line -> [String]? in
            var scanner = JSONObjectScanner(line)
            guard scanner.begin() else { return nil }
            var member = JSONMember()
            var out: [String] = []
            while true {
                switch scanner.next(&member) {
                case .end: return out
                case .error: return nil
                case .member:
                    let key = String(decoding: bytes[member.keyLo..<member.keyHi], as: UTF8.self)
                    let value = member.value.isAbsent ? "∅"
                        : String(decoding: bytes[Int(member.value.lo)..<Int(member.value.hi)], as: UTF8.self)
                    out.append("\(key)=\(value)(\(member.kind))")
                }
            }
        }
    }

    @Test func compactAndSpacedObjects() {
        #expect(members(#"{"a":"x","b":1}"#) == ["a=x(string)", "b=1(number)"])
        #expect(members(" {\n \"a\" :\t\"x\" ,\r\n \"b\" : -1.5e+3 } ") == ["a=x(string)", "b=-1.5e+3(number)"])
        #expect(members("{}") == [])
        #expect(members("{ }") == [])
    }

    @Test func literalsEscapesAndNestedValues() {
        #expect(members(#"{"n":null,"t":true,"f":false}"#) == ["n=∅(null)", "t=true(boolean)", "f=false(boolean)"])
        #expect(members(#"{"s":"a\"b\\","k":"\u00e9"}"#) == [#"s=a\"b\\(string)"#, #"k=\u00e9(string)"#])
        #expect(members(#"{"o":{"x":[1,"]"]},"z":0}"#) == [#"o={"x":[1,"]"]}(nested)"#, "z=0(number)"])
    }

    @Test func malformedObjectsAreRejected() {
        for bad in [#"{"a":}"#, #"{"a" "b"}"#, #"{"a":1,}"#, #"{"a":1"#, #"{"a":nul}"#, #"{"a":tru"#,
                    #"{"a":"x"} trailing"#, #"{,"a":1}"#, #"{"a":1 "b":2}"#, #"{"a":{"b":1}"#, #"{"a"#, "{"] {
            #expect(members(bad) == nil, "\(bad)")
        }
        #expect(members("[1,2]") == nil)
    }

    @Test func shortKeysAtTheVeryEndOfTheLine() {
        // Keys shorter than a word, with no bytes after the object to read ahead into.
        let p = FormatFixture.parse(#"{"response_code":200,"method":"GET","msg":1}"#)
        #expect(p.lineClass == .access)
        #expect(p.extra("msg") == nil)
        #expect(FormatFixture.parse(#"{"level":"info","msg":"x"}"#).lineClass == .nonAccess(.jsonApplication))
    }

    @Test func emptyAndRepeatedUnknownKeys() {
        var parser = LineParser()
        for _ in 0..<3 {
            let p = FormatFixture(#"{"":1,"response_code":200,"method":"GET","x":"y"}"#, parser: &parser)
            #expect(p.lineClass == .access)
            #expect(p.record.extraFields.map(\.name) == ["", "x"])
        }
    }

    @Test func keysThatOnlyLookLikeKnownOnes() {
        let p = FormatFixture.parse(#"{"response_code":200,"method":"GET","response_codes":"x","Method":"y","path_":"z"}"#)
        #expect(p.lineClass == .access)
        #expect(p.text(.method) == "GET")
        #expect(p.extra("response_codes") == "x")
        #expect(p.extra("Method") == "y")
        #expect(p.extra("path_") == "z")
        #expect(!p.has(.path))
    }
}
