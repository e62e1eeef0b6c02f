import Testing
@testable import AccessLog

/// `PrefixScanner.nameEnd` scans 16 bytes at a time: it must end names exactly where a byte-by-byte
/// reading of the rule ends them, at every length and position around the 16-byte blocks.
@Suite struct PrefixScannerNameTests {
    /// The rule, byte by byte: a lowercase letter or digit, then letters, digits and `-` (and `.`
    /// when `dots`), at most 253 bytes in all.
    static func reference(_ bytes: [UInt8], at i: Int, dots: Bool) -> Int? {
        func lowerAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard i >= 0, i < bytes.count, lowerAlnum(bytes[i]) else { return nil }
        var j = i + 1
        while j < bytes.count, j < i + 254, lowerAlnum(bytes[j]) || bytes[j] == 0x2D || (dots && bytes[j] == 0x2E) { j += 1 }
        return j - i <= 253 ? j : nil
    }

    @Test func endsNamesWhereTheByteByByteRuleDoes() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        // Mostly name bytes, with the bytes next to the classes' edges and a few high bytes.
        let alphabet = Array("abcxyz0189-.".utf8) + [0x60, 0x7B, 0x2F, 0x3A, 0x2C, 0x41, 0x5A, 0xE2, 0x80, 0x20, 0x5B]
        var checked = 0
        for _ in 0..<4000 {
            let length = next(4) == 0 ? next(300) : next(70)
            let stop = next(3) == 0 ? length : next(length + 1)
            let bytes: [UInt8] = (0..<length).map { k in
                k < stop ? alphabet[next(12)] : alphabet[next(alphabet.count)]
            }
            let at = next(3)
            for dots in [false, true] {
                let got = bytes.withUnsafeBytes { PrefixScanner($0).nameEnd(at: at, dots: dots) }
                #expect(got == Self.reference(bytes, at: at, dots: dots), "\(bytes) at \(at) dots \(dots)")
                if got != nil { checked += 1 }
            }
        }
        #expect(checked > 2000)
    }

    @Test func aNameOf253BytesIsOneAndOf254IsNot() {
        for (n, ok) in [(253, true), (254, false), (16, true), (17, true), (32, true)] {
            let bytes = Array(repeating: UInt8(ascii: "a"), count: n) + Array("/x".utf8)
            let got = bytes.withUnsafeBytes { PrefixScanner($0).nameEnd(at: 0, dots: true) }
            #expect(got == (ok ? n : nil))
        }
    }
}

extension PrefixScannerNameTests {
    /// The block count and the byte-by-byte rule agree on every byte value in every lane.
    @Test func blockCountMatchesTheByteRule() {
        var block = Array("abcdefghij0123-.".utf8)
        for lane in 0..<16 {
            for value in 0...255 {
                block[lane] = UInt8(value)
                for dots in [false, true] {
                    let fast = block.withUnsafeBytes { ByteMask.nameBytes16($0.baseAddress!, dots: dots) }
                    let portable = block.firstIndex { !ByteMask.portableIsNameByte($0, dots: dots) } ?? 16
                    #expect(fast == portable, "lane \(lane) value \(value) dots \(dots)")
                }
            }
            block[lane] = UInt8(ascii: "a")
        }
    }
}
