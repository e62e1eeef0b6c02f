import AccessLog

extension Format {
    /// Horizontal alignment inside a column.
    public enum Alignment: Sendable {
        case left, right, center
    }

    /// `text` made terminal-safe and exactly `width` columns wide: truncated (ending in `…` when
    /// `ellipsis`) or padded with spaces according to `align`. Wide characters count as two
    /// columns; when one would straddle the cut it is dropped and a space pads its place.
    public static func padded(_ text: String, toWidth width: Int, align: Alignment = .left,
                              ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        let safe = truncated(text, toWidth: width, ellipsis: ellipsis)
        let gap = width - CharacterWidth.columns(of: safe)
        guard gap > 0 else { return safe }
        switch align {
        case .left: return safe + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + safe
        case .center:
            let leftGap = gap / 2
            return String(repeating: " ", count: leftGap) + safe + String(repeating: " ", count: gap - leftGap)
        }
    }

    /// `text` made terminal-safe and cut to at most `width` columns, ending in `…` when cut and
    /// `ellipsis` is set. Text that fits is returned sanitised but otherwise unchanged.
    public static func truncated(_ text: String, toWidth width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if TerminalSafe.isPlainASCII(text) {
            if text.utf8.count <= width { return text }
            let keep = ellipsis ? width - 1 : width
            return String(decoding: text.utf8.prefix(keep), as: UTF8.self) + (ellipsis ? "…" : "")
        }
        let cut = CharacterWidth.columns(of: text, exceeds: width)
        let budget = cut && ellipsis ? width - 1 : width
        var out = String.UnicodeScalarView()
        var used = 0
        TerminalSafe.forEachSafeScalar(in: text) { scalar in
            let w = CharacterWidth.columns(scalar)
            if used + w > budget { return false }
            if w > 0 { out.append(scalar) }
            used += w
            return true
        }
        if cut && ellipsis { out.append("…") }
        return String(out)
    }
}
