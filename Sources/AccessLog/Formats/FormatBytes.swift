/// Byte-level helpers shared by the format parsers: ASCII tests and number decoding from a field.
enum FormatBytes {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 97 < 26 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The whole field as a non-negative integer. Accepts a fraction (`200.0`, truncated) and an
    /// exponent (`1.5e3`) because typed JSON can print numbers as floats. Nil for `-`, empty, or text.
    @inline(__always)
    static func integer(_ line: UnsafeRawBufferPointer, _ range: FieldRange) -> Int64? {
        let i = Int(range.lo)
        let end = Int(range.hi)
        let count = end &- i
        if UInt(bitPattern: count &- 1) < 8 && end >= 8 && end <= line.count {
            // The usual case: 1–8 bytes, and the 8 bytes that end with the field are in the line (so
            // the line is not empty and `lo` is not negative).
            let word = line.baseAddress.unsafelyUnwrapped.loadUnaligned(fromByteOffset: end &- 8, as: UInt64.self)
            return digitsEnding(word.littleEndian, count: count) ?? integerSlow(line, i, end)
        }
        if range.isAbsent { return nil }
        if count >= 1 && count <= 8 && i &+ 8 <= line.count, let base = line.baseAddress {
            return eightDigits(base.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian, count: count)
                ?? integerSlow(line, i, end)
        }
        return integerSlow(line, i, end)
    }

    /// `integer(line, range)` for a range the text tokenizer made: inside the line (no test against
    /// its length) and, when it ends at offset 8 or later, read as one word.
    @inline(__always)
    static func integer(token range: FieldRange, in line: UnsafeRawBufferPointer) -> Int64? {
        let lo = Int(range.lo)
        let end = Int(range.hi)
        let count = end &- lo
        if UInt(bitPattern: count &- 1) < 8 && end >= 8 {
            let word = line.baseAddress.unsafelyUnwrapped.loadUnaligned(fromByteOffset: end &- 8, as: UInt64.self)
            return digitsEnding(word.littleEndian, count: count) ?? integerSlow(line, lo, end)
        }
        return integer(line, range)
    }

    /// 1–8 ASCII digits in the high `count` bytes of `word` (the 8 bytes that end where the field
    /// ends), without a loop; nil when one is not a digit.
    @inline(__always)
    private static func digitsEnding(_ word: UInt64, count: Int) -> Int64? {
        // Keep the field's bytes and subtract "0" from each; the bytes before the field become 0,
        // which reads as leading zeros below.
        let keep = UInt64.max &<< UInt64(truncatingIfNeeded: (8 &- count) &<< 3)    // count is 1…8: no overshift
        let d = (word & keep) &- (0x3030_3030_3030_3030 & keep)
        // Each byte of `d` must be 0…9: adding 0x76 must not reach bit 7. The lowest byte that is not a
        // digit always shows (a borrow or carry only reaches the bytes above it).
        guard (d | (d &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return combineDigits(d)
    }

    /// The number whose eight decimal digits (0…9, most significant in the lowest byte) fill `d`.
    @inline(__always)
    private static func combineDigits(_ d: UInt64) -> Int64 {
        // Pairs of digits, then pairs of pairs, with two multiplications (each byte stays below 256).
        var v = (d &* 10) &+ (d >> 8)
        v = (((v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32)))
            &+ (((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32)))) >> 32
        return Int64(v)
    }

    /// 1–8 ASCII digits in the low `count` bytes of `word`, without a loop; nil when one is not a digit.
    @inline(__always)
    private static func eightDigits(_ word: UInt64, count: Int) -> Int64? {
        // Move the digits to the high bytes and fill the low bytes with "0".
        let shift = UInt64(8 &* (8 &- count))
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let padded = shift == 0 ? word : (word << shift) | (zeros & ((1 << shift) &- 1))
        // Every byte must be in "0"..."9".
        guard ((padded &+ 0x4646_4646_4646_4646) | (padded &- zeros)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return combineDigits(padded &- zeros)
    }

    private static func integerSlow(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        var value: Int64 = 0
        var count = 0
        while i < end {
            let d = line[i] &- 48
            if d > 9 { break }
            if count == 18 { return nil }
            value = value &* 10 &+ Int64(d)
            count += 1
            i += 1
        }
        if i == end { return count > 0 ? value : nil }
        guard count > 0 else { return nil }
        return decimalTail(line, i, end, integerPart: value)
    }

    /// Continues `integer` after the integer digits: `.fraction` and/or `e±exponent`.
    private static func decimalTail(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                                    integerPart: Int64) -> Int64? {
        var i = start
        var fractionStart = i
        var fractionEnd = i
        if line[i] == UInt8(ascii: ".") {
            i += 1
            fractionStart = i
            while i < end, isDigit(line[i]) { i += 1 }
            fractionEnd = i
        }
        if i == end { return integerPart }
        guard line[i] | 0x20 == UInt8(ascii: "e") else { return nil }
        i += 1
        var negative = false
        if i < end, line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "-") {
            negative = line[i] == UInt8(ascii: "-")
            i += 1
        }
        var exponent = 0
        guard i < end else { return nil }
        while i < end {
            let d = line[i] &- 48
            guard d <= 9, exponent < 100 else { return nil }
            exponent = exponent * 10 + Int(d)
            i += 1
        }
        if negative { return exponent == 0 ? integerPart : integerPart / pow10(exponent) }
        var value = integerPart
        for k in 0..<exponent {
            guard value < Int64.max / 10 else { return nil }
            let digit = fractionStart + k < fractionEnd ? Int64(line[fractionStart + k] &- 48) : 0
            value = value * 10 + digit
        }
        return value
    }

    private static func pow10(_ n: Int) -> Int64 {
        if n > 18 { return Int64.max }
        var v: Int64 = 1
        for _ in 0..<n { v *= 10 }
        return v
    }

    /// True when the field is exactly `-` (Envoy's "no value").
    @inline(__always)
    static func isDash(_ line: UnsafeRawBufferPointer, _ range: FieldRange) -> Bool {
        range.hi - range.lo == 1 && range.lo >= 0 && line[Int(range.lo)] == UInt8(ascii: "-")
    }

    /// True when the field is an integer, `-`, or empty: what a numeric operator may print.
    static func isNumericOrDash(_ line: UnsafeRawBufferPointer, _ range: FieldRange) -> Bool {
        if range.count == 0 || isDash(line, range) { return true }
        return integer(line, range) != nil
    }

    /// Index of the first `byte` in `lo..<hi`, or `hi`.
    @inline(__always)
    static func find(_ byte: UInt8, in line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Int {
        var i = lo
        while i < hi, line[i] != byte { i += 1 }
        return i
    }

    /// True when `line[at...]` starts with `literal`.
    static func hasPrefix(_ line: UnsafeRawBufferPointer, at: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard at + count <= line.count else { return false }
        let lit = literal.utf8Start
        for k in 0..<count where line[at + k] != lit[k] { return false }
        return true
    }
}
