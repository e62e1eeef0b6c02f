import Testing
import TestSupport
@testable import AccessLog

/// The text parser's fast paths against their plain versions: the mask-validated block tokenizer at
/// block boundaries and page ends, the table-free Istio 1.9 fill, the word-at-a-time integers and the
/// `]` and backslash masks.
@Suite struct TextFastPathTests {
    let differential = TokenizerDifferentialTests()

    /// `[START_TIME] ` followed by `body`: the block tokenizer's first block starts right after it.
    func line(_ body: String) -> [UInt8] { Array("[2026-11-20T09:59:59.973Z] ".utf8) + Array(body.utf8) }

    /// Whether the fast path accepted the line (instead of handing it to the byte-by-byte tokenizer).
    func fastPathTakes(_ bytes: [UInt8]) -> Bool {
        var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
        var t = TextTokens()
        t.count = 1
        return bytes.withUnsafeBufferPointer { b in
            ranges.withUnsafeMutableBufferPointer {
                TextTokenizer.tokenizeBlocks(b.baseAddress!, from: 27, to: bytes.count, into: $0.baseAddress!, &t)
            }
        }
    }

    /// Quotes, separators, escapes and backslashes at every position around the first two block
    /// boundaries (bytes 63/64 and 127/128 after the time), in lines that end there too.
    @Test func quotesAtBlockBoundariesTokenizeLikeTheReference() {
        let pieces = [#""a b""#, #""""#, #""x\"y""#, #""ends\\""#, #"\"#, #""q"glued"#, "plain", "", #"""#]
        var compared = 0
        var fast = 0
        for pad in 55...70 {
            for piece in pieces {
                for tail in ["", " z", #" "t u""#, String(repeating: "w", count: 64 - (pad + piece.count) % 64)] {
                    for offset in [0, 64] {
                        let body = String(repeating: "p", count: pad + offset) + " " + piece + tail
                        let bytes = line(body)
                        #expect(differential.bitmap(bytes) == differential.reference(bytes), "\(body)")
                        if fastPathTakes(bytes) { fast += 1 }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 1000)
        #expect(fast > 400)
    }

    @Test func wellFormedLinesOfBlockSizedLengthsTakeTheFastPath() {
        for length in [1, 2, 63, 64, 65, 127, 128, 129, 191, 192] {
            for quoteAt in [0, max(0, length - 2)] {
                var body = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                if length >= 2 && quoteAt + 2 <= length {
                    body[quoteAt] = 0x22
                    body[quoteAt + 1] = 0x22    // `""`: an empty quoted token
                    if quoteAt > 0 { body[quoteAt - 1] = 0x20 }
                    if quoteAt + 2 < length { body[quoteAt + 2] = 0x20 }
                }
                let bytes = line(String(decoding: body, as: UTF8.self))
                #expect(fastPathTakes(bytes), "length \(length), quote at \(quoteAt)")
                #expect(differential.bitmap(bytes) == differential.reference(bytes), "length \(length)")
            }
        }
    }

    @Test func escapedClosingQuotesLeaveTheFastPath() {
        for pad in 58...70 {
            // A backslash right before a would-be closing quote, on either side of the block boundary.
            let bytes = line(String(repeating: "p", count: pad) + #" "ab\" c" d"#)
            #expect(!fastPathTakes(bytes), "pad \(pad)")
            #expect(differential.bitmap(bytes) == differential.reference(bytes), "pad \(pad)")
        }
    }

    @Test func linesEndingAtAPageBoundaryTokenizeLikeACopy() {
        var rng = SystemRandomNumberGenerator()
        let words = ["a", "\"b c\"", "\"\"", "-", "\"x\\\"y\"", "10.0.0.1:80", "\"z\"q", "\\"]
        var compared = 0
        for _ in 0..<300 {
            let body = (0..<Int.random(in: 1...40, using: &rng)).map { _ in words.randomElement(using: &rng)! }
                .joined(separator: " ")
            let bytes = line(body)
            let expected = differential.reference(bytes)
            GuardedLine.withEach(bytes) { guarded in
                var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
                let t = ranges.withUnsafeMutableBufferPointer { TextTokenizer.tokenize(guarded, into: $0.baseAddress!) }
                guard t.count <= TextTokenizer.capacity else { return }
                let tokens = (0..<t.count).map { Array(guarded[Int(ranges[$0].lo)..<Int(ranges[$0].hi)]) }
                #expect(tokens == expected.tokens, "\(body)")
                compared += 1
            }
        }
        #expect(compared > 300)
    }

    @Test func closeBracketMaskFindsTheFirstBracket() {
        for at in 1...40 {
            var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 48)
            bytes[0] = UInt8(ascii: "[")
            bytes[at] = UInt8(ascii: "]")
            if at + 3 < 48 { bytes[at + 3] = UInt8(ascii: "]") }
            for n in [at, at + 1, 32, 33, 48] where n <= 48 {
                let found = bytes.withUnsafeBufferPointer { TextTokenizer.firstCloseBracket($0.baseAddress!, n) }
                #expect(found == (at < n ? at : n), "] at \(at), n \(n)")
            }
        }
    }

    @Test func anyMaskAgreesWithTheFullMask() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 64)
            if Bool.random(using: &rng) { bytes[Int.random(in: 0..<64, using: &rng)] = 0x5C }
            bytes.withUnsafeBytes { raw in
                #expect(ByteMask.any64(raw.baseAddress!, 0x5C) == (ByteMask.equal64(raw.baseAddress!, 0x5C) != 0))
            }
        }
    }

    @Test func istio19FillMatchesTheLayoutTable() {
        #expect(TextLayout.istio19QuotedMask == TextLayout.istio19.quotedMask)
        for text in TextGuardedLineTests.lines {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
                ranges.withUnsafeMutableBufferPointer { scratch in
                    let t = TextTokenizer.tokenize(raw, into: scratch.baseAddress!)
                    #expect(t.count == 22)
                    var fused = AccessRecord()
                    var table = AccessRecord()
                    TextLineParser.fillIstio19(ranges: scratch.baseAddress!, line: raw, into: &fused)
                    TextLineParser.fill(.istio19, count: t.count, ranges: scratch.baseAddress!, line: raw, into: &table)
                    for i in 0..<AccessField.count { #expect(fused.fields[i] == table.fields[i], "field \(i)") }
                }
            }
        }
    }

    /// The number in `text` the slow obvious way (digits only, at most 18), or nil.
    func referenceInteger(_ text: [UInt8]) -> Int64? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return text.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    }

    @Test func wordIntegersReadLikeTheReference() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-a /".utf8) + [0x00, 0xB0, 0xFF]
        for _ in 0..<3000 {
            let count = Int.random(in: 0...10, using: &rng)
            let field: [UInt8] = (0..<count).map { _ in
                Int.random(in: 0..<4, using: &rng) == 0 ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0x30...0x39, using: &rng)
            }
            let before = Int.random(in: 0...12, using: &rng)
            let bytes = [UInt8](repeating: UInt8(ascii: "7"), count: before) + field
            let range = FieldRange(before, before + count)
            let expected = referenceInteger(field)
            GuardedLine.with(bytes, guard: .after) { raw in
                #expect(FormatBytes.integer(raw, range) == expected, "\(field) after \(before)")
                #expect(FormatBytes.integer(token: range, in: raw) == expected, "\(field) after \(before)")
            }
        }
    }
}
