import Testing
@testable import AccessLog

/// The bitmap tokenizer against an obviously correct byte-by-byte tokenizer, on random lines made of
/// the bytes that matter (spaces, quotes, backslashes, brackets) at every length around the 64-byte
/// block boundaries.
@Suite struct TokenizerDifferentialTests {
    struct Result: Equatable {
        var tokens: [[UInt8]] = []
        var quoted: [Bool] = []
        var escaped = false
        var trailingSpace = false
        var contentEnd = 0
    }

    /// The specification, one byte at a time.
    func reference(_ line: [UInt8]) -> Result {
        var r = Result()
        var n = line.count
        while n > 0, line[n - 1] == 0x20 || line[n - 1] == 0x09 { n -= 1; r.trailingSpace = true }
        r.contentEnd = n
        guard n > 0 else { return r }
        var close = 1
        while close < n, line[close] != UInt8(ascii: "]") { close += 1 }
        r.tokens.append(Array(line[min(1, close)..<close])); r.quoted.append(false)
        var start = close + 1
        if start < n, line[start] == 0x20 { start += 1 }
        guard start < n else { return r }
        while true {
            var end: Int
            if line[start] == UInt8(ascii: "\"") {
                var j = start + 1
                while j < n {
                    if line[j] == UInt8(ascii: "\"") {
                        var k = j - 1, slashes = 0
                        while k > start, line[k] == UInt8(ascii: "\\") { slashes += 1; k -= 1 }
                        if slashes % 2 == 0 { break }
                        r.escaped = true
                    }
                    j += 1
                }
                r.tokens.append(Array(line[(start + 1)..<j])); r.quoted.append(true)
                end = j + 1
                while end < n, line[end] != 0x20 { end += 1 }
            } else {
                end = start
                while end < n, line[end] != 0x20 { end += 1 }
                r.tokens.append(Array(line[start..<end])); r.quoted.append(false)
            }
            if end >= n { break }
            start = end + 1
        }
        return r
    }

    func bitmap(_ line: [UInt8]) -> Result {
        var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
        let t = line.withUnsafeBytes { raw in
            ranges.withUnsafeMutableBufferPointer { TextTokenizer.tokenize(raw, into: $0.baseAddress!) }
        }
        var r = Result(escaped: t.escaped, trailingSpace: t.trailingSpace, contentEnd: t.contentEnd)
        for i in 0..<min(t.count, TextTokenizer.capacity) {
            r.tokens.append(Array(line[Int(ranges[i].lo)..<Int(ranges[i].hi)]))
            r.quoted.append(t.isQuoted(i))
        }
        return r
    }

    @Test func randomLinesTokenizeLikeTheReference() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(#"  ""\\]]ab-[09:"#.utf8) + [0x09, 0x00, 0xFF]
        var compared = 0
        for length in 1...300 {
            for _ in 0..<12 {
                var line = [UInt8(ascii: "[")] + (1..<length).map { _ in alphabet.randomElement(using: &rng)! }
                if Bool.random(using: &rng), length > 30 { line[25] = UInt8(ascii: "]") }
                let expected = reference(line)
                guard expected.tokens.count <= TextTokenizer.capacity else { continue }
                #expect(bitmap(line) == expected, "line: \(String(decoding: line, as: UTF8.self))")
                compared += 1
            }
        }
        #expect(compared > 3000)
    }

    /// Lines built from well-formed tokens (the fast path's case), with now and then an escaped
    /// quote, a stray quote or a token glued after a closing quote (the slow path's).
    @Test func structuredLinesTokenizeLikeTheReference() {
        var rng = SystemRandomNumberGenerator()
        let word = Array("abcXYZ019-:|/._".utf8)
        func run(_ count: Int, _ extra: [UInt8]) -> [UInt8] {
            (0..<count).map { _ in (Bool.random(using: &rng) ? word : extra + word).randomElement(using: &rng)! }
        }
        var fastPathLines = 0
        for _ in 0..<3000 {
            var line = Array("[2026-11-20T09:59:59.973Z]".utf8)
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                line.append(0x20)
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: break                                                   // empty token
                case 1...4: line += run(Int.random(in: 1...40, using: &rng), [])
                case 5...8: line += [0x22] + run(Int.random(in: 0...90, using: &rng), [0x20]) + [0x22]
                default:
                    let odd: [[UInt8]] = [Array(#""a"b c""#.utf8), Array(#""x"glued"#.utf8), Array(#"mid"quote"#.utf8),
                                          Array(#""tail\""#.utf8), Array(#"""#.utf8)]
                    line += odd.randomElement(using: &rng)!
                }
            }
            let expected = reference(line)
            guard expected.tokens.count <= TextTokenizer.capacity else { continue }
            #expect(bitmap(line) == expected, "line: \(String(decoding: line, as: UTF8.self))")
            if line.count > 27 && line.withUnsafeBufferPointer({ bytes in
                var ranges = [FieldRange](repeating: .absent, count: TextTokenizer.scratchCapacity)
                var t = TextTokens()
                return ranges.withUnsafeMutableBufferPointer {
                    TextTokenizer.tokenizeBlocks(bytes.baseAddress!, from: 27, to: line.count, into: $0.baseAddress!, &t)
                }
            }) { fastPathLines += 1 }
        }
        #expect(fastPathLines > 500)
    }

    @Test func realLinesOfEveryLengthAroundBlockBoundaries() {
        let base = #"[2026-11-20T09:59:59.973Z] "POST /shop.orders.v1.OrderService/CreateOrder HTTP/2" 200 - via_upstream - "-" 527 144 27 27 "-" "grpc-go/1.62.1" "e17f6f7e-8acc-4a17-b390-3d0540d9c6ba" "orders:50051" "10.244.1.45:50051" inbound|50051|| 127.0.0.6:40280 10.244.1.45:50051 10.244.0.36:57579 outbound_.50051_._.orders.shop.svc.cluster.local default"#
        let bytes = Array(base.utf8)
        for cut in 27...bytes.count {
            let line = Array(bytes[0..<cut])
            #expect(bitmap(line) == reference(line), "cut at \(cut)")
        }
        #expect(bitmap(bytes).tokens.count == 22)
    }
}
