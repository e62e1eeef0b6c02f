/// ANSI styling for the text report; every method returns the text unchanged when disabled.
struct TextStyle {
    let enabled: Bool

    enum Code: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36", boldRed = "1;31"
    }

    func apply(_ code: Code, _ s: String) -> String {
        enabled && !s.isEmpty ? "\u{1B}[\(code.rawValue)m\(s)\u{1B}[0m" : s
    }

    func heading(_ s: String) -> String { apply(.bold, s) }
    func dim(_ s: String) -> String { apply(.dim, s) }
}

/// Terminal column widths of text (wide East Asian characters and emoji take two columns, combining
/// marks none) and cutting text to a width.
enum DisplayWidth {
    static func of(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + width($1) } }

    static func width(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x300 { return 1 }
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// `s` cut to at most `width` columns, ending in `…` when cut.
    static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var used = 0
        for u in s.unicodeScalars {
            let w = self.width(u)
            if used + w > width - 1 { break }
            out.unicodeScalars.append(u)
            used += w
        }
        return out + "…"
    }

    /// `s` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
    static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return right ? fill + s : s + fill
    }
}
