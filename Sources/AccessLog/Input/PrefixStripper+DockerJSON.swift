/// Docker's json-file wrapper: `{"log":"<JSON string>","stream":"stdout","time":"…"}`.
///
/// Docker writes a line longer than its 16 KiB buffer as several entries: only the last one's `log`
/// ends with `\n`. An entry without it is kept (counted as a continuation, like a CRI `P` record)
/// and comes out joined with the entry that ends the line, per stream.
extension PrefixStripper {
    /// Unescapes the `log` string into the stripper's storage and drops its trailing `\n`. Returns
    /// nil (the line is left alone) unless the string is followed by `,"stream":"` as Docker writes
    /// it, so JSON access lines are never mistaken for wrappers.
    func stripDockerJSON(_ s: PrefixScanner) -> StrippedLine? {
        guard let (text, streamStart) = unescapeDockerLog(s) else { return nil }
        let fragments = s.matches("stderr\"", at: streamStart) ? dockerStderrFragments : dockerStdoutFragments
        var count = text.count
        let ended = count > 0 && text.base.load(fromByteOffset: count - 1, as: UInt8.self) == 0x0A
        if !ended {
            fragments.append(text.bytes, limit: maxJoinedLength)
            fragments.fragments += 1
            return StrippedLine(content: StrippedLine.empty, style: .dockerJSON, isPartial: true)
        }
        count -= 1
        if count > 0, text.base.load(fromByteOffset: count - 1, as: UInt8.self) == 0x0D { count -= 1 }
        let line = UnsafeRawBufferPointer(start: text.base, count: count)
        guard fragments.fragments > 0 else { return StrippedLine(content: line, style: .dockerJSON) }
        fragments.append(line, limit: maxJoinedLength)
        if fragments.count > 0, fragments.base.load(fromByteOffset: fragments.count - 1, as: UInt8.self) == 0x0D {
            fragments.count -= 1   // a `\r\n` split between two entries
        }
        // The bytes stay in place until the next call; only the count is reset.
        let joined = StrippedLine(content: fragments.bytes, style: .dockerJSON, isTruncated: fragments.overflowed,
                                  joinedFragments: fragments.fragments)
        fragments.reset()
        return joined
    }

    /// Unescapes the `log` string into `unescaped` (with its `\n`, if any) and returns it with the
    /// index where the stream name starts; nil unless `,"stream":"` follows the string.
    private func unescapeDockerLog(_ s: PrefixScanner) -> (ByteScratch, Int)? {
        let out = unescaped
        out.reset()
        out.reserve(s.count)  // unescaping never makes the text longer
        var i = 8             // after {"log":"
        while i < s.count {
            let b = s.byte(i)
            if b == 0x22 { break }
            if b != 0x5C {
                out.appendReserved(b)
                i += 1
                continue
            }
            i = decodeEscape(s, at: i, into: out)
        }
        guard i < s.count, s.matches(",\"stream\":\"", at: i + 1) else { return nil }
        return (out, i + 12)
    }

    /// Decodes the escape at `i` (a backslash) into `out`; returns the index after it. Unknown or
    /// broken escapes are copied as they are.
    private func decodeEscape(_ s: PrefixScanner, at i: Int, into out: ByteScratch) -> Int {
        let e = s.byte(i + 1)
        let decoded: UInt8
        switch e {
        case 0x6E: decoded = 0x0A                       // \n
        case 0x74: decoded = 0x09                       // \t
        case 0x72: decoded = 0x0D                       // \r
        case 0x62: decoded = 0x08                       // \b
        case 0x66: decoded = 0x0C                       // \f
        case 0x22, 0x5C, 0x2F: decoded = e              // \" \\ \/
        case 0x75:                                      // \uXXXX, maybe a surrogate pair
            guard var scalar = hex4(s, at: i + 2) else { out.appendReserved(0x5C); return i + 1 }
            var next = i + 6
            if (0xD800..<0xDC00).contains(scalar), s.byte(next) == 0x5C, s.byte(next + 1) == 0x75,
               let low = hex4(s, at: next + 2), (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            }
            appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: out)
            return next
        default:                                        // not an escape: keep the backslash
            out.appendReserved(0x5C)
            return i + 1
        }
        out.appendReserved(decoded)
        return i + 2
    }

    private func hex4(_ s: PrefixScanner, at i: Int) -> UInt32? {
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = s.byte(i + k)
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x61...0x66: digit = c - 0x61 + 10
            case 0x41...0x46: digit = c - 0x41 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to out: ByteScratch) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            out.appendReserved(UInt8(v))
        case 0x80..<0x800:
            out.appendReserved(UInt8(0xC0 | v >> 6))
            out.appendReserved(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.appendReserved(UInt8(0xE0 | v >> 12))
            out.appendReserved(UInt8(0x80 | v >> 6 & 0x3F))
            out.appendReserved(UInt8(0x80 | v & 0x3F))
        default:
            out.appendReserved(UInt8(0xF0 | v >> 18))
            out.appendReserved(UInt8(0x80 | v >> 12 & 0x3F))
            out.appendReserved(UInt8(0x80 | v >> 6 & 0x3F))
            out.appendReserved(UInt8(0x80 | v & 0x3F))
        }
    }
}
