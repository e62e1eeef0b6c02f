/// Makes `String`s from sample-line bytes (bounded, off the per-line path except for the first few).
enum SampleText {
    /// `bytes` cut to at most `maxBytes` (at a UTF-8 boundary, `…` appended when cut), invalid UTF-8
    /// replaced by U+FFFD.
    static func plain(_ bytes: UnsafeRawBufferPointer, maxBytes: Int) -> String {
        guard bytes.count > maxBytes else { return String(decoding: bytes, as: UTF8.self) }
        var end = maxBytes
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self) + "…"
    }

    /// Like `plain`, with control characters (C0, DEL, C1) and bidirectional overrides shown escaped
    /// (`\x1b`, `\u{202e}`) so the text is safe to print on a terminal.
    static func escaped(_ bytes: UnsafeRawBufferPointer, maxBytes: Int) -> String {
        escape(plain(bytes, maxBytes: maxBytes))
    }

    static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            if !needsEscape(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x100 {
                let hex = String(scalar.value, radix: 16)
                out += hex.count == 1 ? "\\x0\(hex)" : "\\x\(hex)"
            } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }
}
