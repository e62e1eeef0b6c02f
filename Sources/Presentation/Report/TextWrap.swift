/// Greedy word wrap by display width, for report prose.
enum TextWrap {
    /// `text` split into lines of at most `width` columns: the first line starts with `lead`,
    /// the following ones with `hanging` spaces. A single word longer than a line is left whole.
    static func lines(_ text: String, lead: String, hanging: Int, width: Int) -> [String] {
        let indent = String(repeating: " ", count: hanging)
        var lines: [String] = []
        var current = lead
        var currentWidth = CharacterWidth.columns(of: lead)
        var startOfLine = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = CharacterWidth.columns(of: String(word))
            if !startOfLine && currentWidth + 1 + w > width {
                lines.append(current)
                current = indent
                currentWidth = hanging
                startOfLine = true
            }
            if !startOfLine { current += " "; currentWidth += 1 }
            current += word
            currentWidth += w
            startOfLine = false
        }
        lines.append(current)
        return lines
    }
}

extension TextReportWriter {
    /// Emits `text` wrapped to the report width, continuation lines indented by `hanging`.
    mutating func emitWrapped(_ text: String, lead: String, hanging: Int) {
        for line in TextWrap.lines(text, lead: lead, hanging: hanging, width: width) { emit(line) }
    }
}
