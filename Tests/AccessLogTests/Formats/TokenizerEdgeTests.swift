import Testing
@testable import AccessLog

/// Odd but possible text lines: the tokenizer must stay within bounds and never hang.
@Suite struct TokenizerEdgeTests {
    func tokens(_ line: String) -> [String] {
        let bytes = Array(line.utf8)
        var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
        let t = bytes.withUnsafeBytes { raw in
            ranges.withUnsafeMutableBufferPointer { TextTokenizer.tokenize(raw, into: $0.baseAddress!) }
        }
        return (0..<min(t.count, TextTokenizer.capacity)).map {
            String(decoding: bytes[Int(ranges[$0].lo)..<Int(ranges[$0].hi)], as: UTF8.self)
        }
    }

    @Test func quotedTokensKeepSpacesAndEscapedQuotes() {
        #expect(tokens(#"[t] "a b" c "d \"e\" f" g"#) == ["t", "a b", "c", #"d \"e\" f"#, "g"])
    }

    @Test func emptyTokensFromDoubleSpacesAndEmptyQuotes() {
        #expect(tokens(#"[t] a  b "" c"#) == ["t", "a", "", "b", "", "c"])
    }

    @Test func gluedAndUnterminatedQuotes() {
        #expect(tokens(#"[t] "abc"def g"#) == ["t", "abc", "g"])
        #expect(tokens(#"[t] x "never closed"#) == ["t", "x", "never closed"])
        #expect(tokens(#"[t] "ends with backslash\"#) == ["t", #"ends with backslash\"#])
    }

    @Test func trailingSpacesAreRemembered() {
        let bytes = Array("[t] a b  ".utf8)
        var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
        let t = bytes.withUnsafeBytes { raw in
            ranges.withUnsafeMutableBufferPointer { TextTokenizer.tokenize(raw, into: $0.baseAddress!) }
        }
        #expect(t.count == 3)
        #expect(t.trailingSpace)
        #expect(t.contentEnd == 7)
    }

    @Test func manyTokensAreCountedButNotStoredPastCapacity() {
        let line = "[t]" + String(repeating: " x", count: 100)
        let bytes = Array(line.utf8)
        var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
        let t = bytes.withUnsafeBytes { raw in
            ranges.withUnsafeMutableBufferPointer { TextTokenizer.tokenize(raw, into: $0.baseAddress!) }
        }
        #expect(t.count == 101)
        #expect(FormatFixture.parse("[2024-01-02T03:04:05.678Z] \"GET / HTTP/1.1\" 200 -" + String(repeating: " x", count: 100))
            .lineClass == .access)
    }

    @Test func longTokensCrossManyWords() {
        let long = String(repeating: "abcdefgh", count: 40)
        #expect(tokens("[t] \(long) \"\(long) \(long)\" z") == ["t", long, "\(long) \(long)", "z"])
    }
}
