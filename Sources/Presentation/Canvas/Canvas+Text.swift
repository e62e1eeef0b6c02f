extension Canvas {
    /// The visible text: rows joined by `\n`, continuation cells skipped, trailing spaces trimmed.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for r in 0..<rows {
            var line = String.UnicodeScalarView()
            for c in 0..<cols {
                let cell = cells[r * cols + c]
                if !cell.isContinuation { line.append(cell.scalar) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n")
    }

    /// One character per cell (continuation cells repeat their lead's), rows joined by `\n`,
    /// trailing `.` trimmed. Normal role: `.` plain, else the first of `R` reverse, `B` bold,
    /// `U` underline, `D` dim. Other roles: a letter, upper case when any attribute is set —
    /// `a` accent, `o` ok, `w` warning, `c` critical, `i` info, `m` muted, `s` selection, `h` header.
    var styleMask: String {
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for r in 0..<rows {
            var line = String.UnicodeScalarView()
            for c in 0..<cols { line.append(Self.maskScalar(cells[r * cols + c].style)) }
            while line.last == "." { line.removeLast() }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n")
    }

    static func maskScalar(_ style: Style) -> Unicode.Scalar {
        let a = style.attributes
        let letter: Unicode.Scalar
        switch style.role {
        case .normal:
            if a.contains(.reverse) { return "R" }
            if a.contains(.bold) { return "B" }
            if a.contains(.underline) { return "U" }
            if a.contains(.dim) { return "D" }
            return "."
        case .accent: letter = "a"
        case .ok: letter = "o"
        case .warning: letter = "w"
        case .critical: letter = "c"
        case .info: letter = "i"
        case .muted: letter = "m"
        case .selection: letter = "s"
        case .header: letter = "h"
        }
        return a.isEmpty ? letter : Unicode.Scalar(letter.value - 32) ?? letter
    }
}
