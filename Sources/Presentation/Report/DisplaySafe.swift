/// Makes text that came from a log safe to print on a terminal.
///
/// Control characters (C0 including TAB/LF/CR, DEL, C1 including the 8-bit CSI) and the Unicode
/// bidirectional overrides/isolates are shown escaped — `\x1b`, `\x7f`, `\u{202e}` — so an escape
/// sequence in a user agent or path can never drive the terminal. Everything else is unchanged;
/// backslashes are not escaped, so applying it twice gives the same text.
public enum DisplaySafe {
    public static func text(_ s: String) -> String {
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

    /// True for scalars `text` escapes.
    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }
}
