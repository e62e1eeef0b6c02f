/// Finds bytes eight at a time (SWAR: "SIMD within a register") — the inner loop of the tokenizers.
///
/// Most tokens are short, so the first sixteen bytes are examined without a branch per word; only
/// longer searches loop. That keeps branch mispredictions to about one per long token.
enum ByteFinder {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 of each byte of the result is set where `word` has a byte equal to `byte` — exact for
    /// the lowest such byte, which is all the callers use.
    @inline(__always)
    private static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    @inline(__always)
    private static func word(_ base: UnsafePointer<UInt8>, _ at: Int) -> UInt64 {
        UnsafeRawPointer(base).loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
    }

    /// Offset (0…16) of the first hit in two words' match masks; 16 when neither has one.
    @inline(__always)
    private static func offset16(_ first: UInt64, _ second: UInt64) -> Int {
        let a = first.trailingZeroBitCount &>> 3
        let b = 8 &+ second.trailingZeroBitCount &>> 3    // 16 when `second` has no hit either
        return first != 0 ? a : b
    }

    /// Offset (0…24) of the first hit in three words' match masks; 24 when none has one.
    @inline(__always)
    private static func offset24(_ first: UInt64, _ second: UInt64, _ third: UInt64) -> Int {
        let a = first.trailingZeroBitCount &>> 3
        let b = 8 &+ second.trailingZeroBitCount &>> 3
        let c = 16 &+ third.trailingZeroBitCount &>> 3
        return first != 0 ? a : (second != 0 ? b : c)
    }

    /// Offset of the first `byte` in `from..<to`, or `to`. The first 24 bytes are examined at
    /// once: that covers most tokens of an access line, including `IP:port` addresses.
    @inline(__always)
    static func first(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        if i &+ 24 <= to {
            let offset = offset24(matches(word(base, i), byte), matches(word(base, i &+ 8), byte),
                                  matches(word(base, i &+ 16), byte))
            if offset < 24 { return i &+ offset }
            i &+= 24
        } else if i &+ 16 <= to {
            let offset = offset16(matches(word(base, i), byte), matches(word(base, i &+ 8), byte))
            if offset < 16 { return i &+ offset }
            i &+= 16
        }
        while i &+ 8 <= to {
            let hit = matches(word(base, i), byte)
            if hit != 0 { return i &+ hit.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < to, base[i] != byte { i &+= 1 }
        return i
    }
}
