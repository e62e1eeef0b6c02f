import AccessLog

/// Text wrapped for screen rows: terminal-safe, at most the row's width in display columns.
enum ScreenText {
    /// `text` broken into lines of at most `width` columns at spaces (long words are cut);
    /// existing line breaks and leading indentation are kept. Continuation lines start with
    /// `hanging`. The result is terminal-safe.
    static func wrap(_ text: String, width: Int, hanging: String = "") -> [String] {
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let safe = TerminalSafe.sanitized(String(paragraph))
            out += Format.wrap(safe, width: max(4, width), lead: String(safe.prefix { $0 == " " }), hanging: hanging,
                               cutLongWords: true, columns: CharacterWidth.columns(of:))
        }
        return out
    }

    /// Pre-formatted text (`meshlog explain` output) for a `width`-column screen: runs of prose
    /// lines that start at column 0 are joined and wrapped; indented lines (lists, YAML, commands)
    /// are kept as they are.
    static func reflow(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var prose: [String] = []
        func flush() {
            if !prose.isEmpty { out += wrap(prose.joined(separator: " "), width: width) }
            prose.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || line.first == " " {
                flush()
                out.append(TerminalSafe.sanitized(String(line)))
            } else {
                prose.append(String(line))
            }
        }
        flush()
        return out
    }
}
