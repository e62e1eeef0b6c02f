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

    /// End of an RFC 3339 timestamp starting at `i`: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of
    /// 1–9 digits, then `Z` or `±HH:MM`.
    func timestampEnd(at i: Int) -> Int? {
        guard isDigit(i), isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), byte(i + 4) == 0x2D,
              isDigit(i + 5), isDigit(i + 6), byte(i + 7) == 0x2D, isDigit(i + 8), isDigit(i + 9),
              byte(i + 10) == 0x54, isDigit(i + 11), isDigit(i + 12), byte(i + 13) == 0x3A,
              isDigit(i + 14), isDigit(i + 15), byte(i + 16) == 0x3A, isDigit(i + 17), isDigit(i + 18)
        else { return nil }
        var j = i + 19
        if byte(j) == 0x2E {
            var digits = 0
            while isDigit(j + 1 + digits), digits < 9 { digits += 1 }
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
        guard isLowerAlnum(byte(i)) else { return nil }
        var j = i + 1
        while j - i <= 253 {
            let b = byte(j)
            if isLowerAlnum(b) || b == 0x2D || (dots && b == 0x2E) { j += 1 } else { break }
        }
        return j - i <= 253 ? j : nil
    }

    /// End of a docker compose container name at `i` (`project-web-1`, `web_1`).
    func composeNameEnd(at i: Int) -> Int? {
        guard isLowerAlnum(byte(i)) || isUpper(byte(i)) else { return nil }
        var j = i + 1
        while j - i <= 255 {
            let b = byte(j)
            if isLowerAlnum(b) || isUpper(b) || b == 0x2D || b == 0x5F || b == 0x2E { j += 1 } else { break }
        }
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
        isWord("info", at: i) || isWord("warn", at: i) || isWord("warning", at: i)
            || isWord("error", at: i) || isWord("debug", at: i) || isWord("fatal", at: i)
    }

    /// `word` at `i` followed by a space or tab.
    private func isWord(_ word: StaticString, at i: Int) -> Bool {
        guard matches(word, at: i) else { return false }
        let after = byte(i + word.utf8CodeUnitCount)
        return after == 0x20 || after == 0x09
    }

    @inline(__always) private func isLowerAlnum(_ b: UInt8) -> Bool { b &- 0x61 < 26 || b &- 0x30 < 10 }
    @inline(__always) private func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
}
