/// Makes text from log fields safe to show on a terminal.
///
/// Log fields can carry ESC sequences, other C0/C1 controls, DEL, Unicode line separators and bidi
/// overrides. Sent raw, they move the cursor, change colours, retitle the window or reorder what
/// the user reads. Every ``Canvas`` write goes through this type, so no view can forget it; report
/// renderers writing to a terminal use ``sanitized(_:)``.
///
/// Unsafe scalars are shown escaped: `\t`, `\n`, `\r`, `\xHH` for other C0 controls and DEL,
/// `\u{HHHH}` for C1 controls, U+2028/U+2029 and bidi embeddings/overrides/isolates. A backslash
/// is printable and left as is, so sanitising is idempotent.
public enum TerminalSafe {
    /// True when every byte is printable ASCII (0x20...0x7E): the fast path, nothing to escape.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// True when `scalar` may be sent to a terminal as it is.
    public static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return true }
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { return false }
        switch v {
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return false
        default: return true
        }
    }

    /// The printable replacement for an unsafe scalar, or nil when it is safe.
    public static func escape(_ scalar: Unicode.Scalar) -> String? {
        if isSafe(scalar) { return nil }
        switch scalar.value {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case let v where v < 0x80: return "\\x" + hex(v, minDigits: 2)
        case let v: return "\\u{" + hex(v, minDigits: 2) + "}"
        }
    }

    /// `text` with every unsafe scalar replaced by its escape.
    static func sanitized(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        var out = String.UnicodeScalarView()
        forEachSafeScalar(in: text) { out.append($0); return true }
        return String(out)
    }

    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and sanitises the result.
    public static func string(decoding bytes: UnsafeRawBufferPointer) -> String {
        sanitized(String(decoding: bytes, as: UTF8.self))
    }

    /// Calls `body` with each scalar of `text` as it must be drawn (unsafe scalars expanded into
    /// their escapes). Stops early when `body` returns false.
    @inline(__always)
    static func forEachSafeScalar(in text: String, _ body: (Unicode.Scalar) -> Bool) {
        if isPlainASCII(text) {
            for byte in text.utf8 where !body(Unicode.Scalar(byte)) { return }
            return
        }
        for scalar in text.unicodeScalars {
            if let escaped = escape(scalar) {
                for part in escaped.unicodeScalars where !body(part) { return }
            } else if !body(scalar) {
                return
            }
        }
    }

    private static func hex(_ value: UInt32, minDigits: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, minDigits - digits.count)) + digits
    }
}
