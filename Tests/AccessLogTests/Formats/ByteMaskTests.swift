import Testing
@testable import AccessLog

/// The SIMD match bitmaps against a byte-by-byte reference, on x86-64 and the portable version alike.
@Suite struct ByteMaskTests {
    /// Bits where `bytes[at..<at+16]` equal `byte`, the slow obvious way.
    func reference(_ bytes: [UInt8], _ at: Int, _ width: Int, _ byte: UInt8) -> UInt64 {
        var bits: UInt64 = 0
        for i in 0..<width where bytes[at + i] == byte { bits |= 1 << UInt64(i) }
        return bits
    }

    @Test func sixteenAndSixtyFourByteMasksMatchTheReference() {
        var rng = SystemRandomNumberGenerator()
        // Bytes biased towards the searched ones, with every byte value (0x80+ included) possible.
        let alphabet: [UInt8] = [0x20, 0x22, 0x5C, 0x00, 0x7F, 0x80, 0xFF, 0xA0, 0x21, 0x1F]
        for _ in 0..<400 {
            let bytes = (0..<80).map { _ in Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)!
                                                                    : UInt8.random(in: 0...255, using: &rng) }
            let at = Int.random(in: 0...16, using: &rng)
            for byte in [UInt8(0x20), 0x22, 0x5C, 0x00, 0xFF, 0x80] {
                bytes.withUnsafeBytes { raw in
                    let p = raw.baseAddress! + at
                    #expect(ByteMask.equal16(p, byte) == reference(bytes, at, 16, byte))
                    #expect(ByteMask.portableEqual16(p, byte) == reference(bytes, at, 16, byte))
                    #expect(ByteMask.equal64(p, byte) == reference(bytes, at, 64, byte))
                }
            }
        }
    }

    @Test func allMatchAndNoMatch() {
        let spaces = [UInt8](repeating: 0x20, count: 64)
        spaces.withUnsafeBytes { raw in
            #expect(ByteMask.equal64(raw.baseAddress!, 0x20) == UInt64.max)
            #expect(ByteMask.equal64(raw.baseAddress!, 0x22) == 0)
            #expect(ByteMask.portableEqual16(raw.baseAddress!, 0x20) == 0xFFFF)
        }
    }
}
