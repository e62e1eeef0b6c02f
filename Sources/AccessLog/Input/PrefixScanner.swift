import Glibc
/// Byte-level pattern checks used by `PrefixStripper`. Reading past the end yields 0, which matches
/// no expected character, so callers need no separate bounds checks.
struct PrefixScanner {
    let base: UnsafeRawPointer
    let count: Int

    init(_ line: UnsafeRawBufferPointer) {
        // A zero-length line may have no base address; it is never dereferenced then.
        base = line.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        count = line.count
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 {
        i >= 0 && i < count ? base.load(fromByteOffset: i, as: UInt8.self) : 0
    }

    @inline(__always) func isDigit(_ i: Int) -> Bool { byte(i) &- 0x30 < 10 }

    /// The bytes `from..<to` (clamped to the line).
    func slice(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
        let lo = min(max(from, 0), count), hi = min(max(to, lo), count)
        return UnsafeRawBufferPointer(start: base + lo, count: hi - lo)
    }

    /// The rest of the line from `from`.
    func rest(_ from: Int) -> UnsafeRawBufferPointer { slice(from, count) }

    func matches(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        return memcmp(base + i, literal.utf8Start, n) == 0
    }

    /// The byte at `i`, which the caller has bounds-checked.
    @inline(__always) private func raw(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
    @inline(__always) private func rawDigit(_ i: Int) -> Bool { raw(i) &- 0x30 < 10 }

    /// End of an RFC 3339 timestamp starting at `i`: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of
    /// 1–9 digits, then `Z` or `±HH:MM`.
    func timestampEnd(at i: Int) -> Int? {
        guard i >= 0, i + 20 <= count else { return nil }
        guard rawDigit(i), rawDigit(i + 1), rawDigit(i + 2), rawDigit(i + 3), raw(i + 4) == 0x2D,
              rawDigit(i + 5), rawDigit(i + 6), raw(i + 7) == 0x2D, rawDigit(i + 8), rawDigit(i + 9),
              raw(i + 10) == 0x54, rawDigit(i + 11), rawDigit(i + 12), raw(i + 13) == 0x3A,
              rawDigit(i + 14), rawDigit(i + 15), raw(i + 16) == 0x3A, rawDigit(i + 17), rawDigit(i + 18)
        else { return nil }
        var j = i + 19
        if raw(j) == 0x2E {
            var digits = 0
            while digits < 9, isDigit(j + 1 + digits) { digits += 1 }
            guard digits > 0 else { return nil }
            j += 1 + digits
        }
        switch byte(j) {
        case 0x5A: return j + 1                                   // Z
        case 0x2B, 0x2D:                                          // +HH:MM / -HH:MM
            guard isDigit(j + 1), isDigit(j + 2), byte(j + 3) == 0x3A, isDigit(j + 4), isDigit(j + 5) else { return nil }
            return j + 6
        default: return nil
        }
    }

    /// End of stern's short timestamp `MM-DD HH:MM:SS` starting at `i`.
    func shortTimestampEnd(at i: Int) -> Int? {
        guard isDigit(i), isDigit(i + 1), byte(i + 2) == 0x2D, isDigit(i + 3), isDigit(i + 4),
              byte(i + 5) == 0x20, isDigit(i + 6), isDigit(i + 7), byte(i + 8) == 0x3A,
              isDigit(i + 9), isDigit(i + 10), byte(i + 11) == 0x3A, isDigit(i + 12), isDigit(i + 13)
        else { return nil }
        return i + 14
    }

    /// End of a Kubernetes name at `i`: lowercase letters, digits and `-` (plus `.` when `dots`),
    /// starting with a letter or digit, at most 253 bytes.
    func nameEnd(at i: Int, dots: Bool) -> Int? {
        guard i >= 0, i < count, ByteClass.contains(ByteClass.lowerAlnum, raw(i)) else { return nil }
        let set = dots ? ByteClass.subdomain : ByteClass.label
        let limit = min(count, i + 254)
        var j = i + 1
        // 16 bytes at a time while a whole block lies before `limit` (pod names are 20–60 bytes);
        // the last bytes before `limit` one at a time.
        while j &+ 16 <= limit {
            let n = ByteMask.nameBytes16(base + j, dots: dots)
            j &+= n
            if n < 16 { return j - i <= 253 ? j : nil }
        }
        while j < limit, ByteClass.contains(set, raw(j)) { j += 1 }
        return j - i <= 253 ? j : nil
    }

    /// End of a docker compose container name at `i` (`project-web-1`, `web_1`).
    func composeNameEnd(at i: Int) -> Int? {
        guard i >= 0, i < count, ByteClass.contains(ByteClass.composeName, raw(i)), raw(i) != 0x2D else { return nil }
        let limit = min(count, i + 256)
        var j = i + 1
        while j < limit, ByteClass.contains(ByteClass.composeName, raw(j)) { j += 1 }
        return j
    }

    /// Skips ANSI SGR colour sequences (`ESC [ params m`) starting at `i`.
    func skipANSI(at i: Int) -> Int {
        var j = i
        while byte(j) == 0x1B, byte(j + 1) == 0x5B {
            var k = j + 2
            while k - j < 32, isDigit(k) || byte(k) == 0x3B { k += 1 }
            guard byte(k) == 0x6D else { return j }
            j = k + 1
        }
        return j
    }

    /// True when the text at `i` starts like a line istio-proxy writes: `[` + digit (access line,
    /// Envoy log), `[Envoy`, `{` (JSON), or an RFC 3339 timestamp followed by a space or tab.
    func looksLikeLogStart(at i: Int) -> Bool {
        switch byte(i) {
        case 0x5B: return isDigit(i + 1) || matches("[Envoy", at: i)
        case 0x7B: return true
        default:
            if let end = timestampEnd(at: i) { return byte(end) == 0x20 || byte(end) == 0x09 }
            return shortTimestampEnd(at: i).map { byte($0) == 0x20 } ?? false
        }
    }

    /// True when the text at `i` starts with a zap log level and a blank (`info `, `warn\t`): the
    /// rest of a pilot-agent line whose TABs were turned into spaces.
    func startsWithLogLevel(at i: Int) -> Bool {
        switch byte(i) {
        case 0x69: return isWord("info", at: i)
        case 0x77: return isWord("warn", at: i) || isWord("warning", at: i)
        case 0x65: return isWord("error", at: i)
        case 0x64: return isWord("debug", at: i)
        case 0x66: return isWord("fatal", at: i)
        default: return false
        }
    }

    /// `word` at `i` followed by a space or tab.
    private func isWord(_ word: StaticString, at i: Int) -> Bool {
        guard matches(word, at: i) else { return false }
        let after = byte(i + word.utf8CodeUnitCount)
        return after == 0x20 || after == 0x09
    }
}

/// Sets of ASCII bytes as two 64-bit masks (bytes 0–63, 64–127): one test per byte, no tables.
private enum ByteClass {
    typealias Mask = (low: UInt64, high: UInt64)
    private static let digits: UInt64 = 0x03FF_0000_0000_0000        // 0-9
    private static let hyphen: UInt64 = 1 << 45                      // -
    private static let dot: UInt64 = 1 << 46                         // .
    private static let lowercase: UInt64 = 0x07FF_FFFE_0000_0000     // a-z
    private static let uppercase: UInt64 = 0x0000_0000_07FF_FFFE     // A-Z
    private static let underscore: UInt64 = 1 << 31                  // _

    static var lowerAlnum: Mask { (digits, lowercase) }
    static var label: Mask { (digits | hyphen, lowercase) }
    static var subdomain: Mask { (digits | hyphen | dot, lowercase) }
    static var composeName: Mask { (digits | hyphen | dot, lowercase | uppercase | underscore) }

    /// Branch-free (names mix letters and digits, which defeats branch prediction).
    @inline(__always) static func contains(_ set: Mask, _ b: UInt8) -> Bool {
        let word = b & 0x40 == 0 ? set.low : set.high
        let bit = (word >> UInt64(b & 0x3F)) & 1
        return bit & UInt64(1 &- (b >> 7)) != 0  // bytes ≥ 128 never match
    }
}
