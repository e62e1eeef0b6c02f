import AccessLog

extension TextReportWriter {
    /// Emits `text` wrapped to the report width, continuation lines indented by `hanging`.
    mutating func emitWrapped(_ text: String, lead: String, hanging: Int) {
        for line in TextReportWriter.wrap(text, lead: lead, hanging: hanging, width: width) { emit(line) }
    }

    /// `text` in lines of at most `width` display columns, the first starting with `lead`, the
    /// following ones with `hanging` spaces; a word longer than a line is left whole.
    static func wrap(_ text: String, lead: String, hanging: Int, width: Int) -> [String] {
        Format.wrap(text, width: width, lead: lead, hanging: String(repeating: " ", count: hanging),
                    columns: CharacterWidth.columns(of:))
    }
}
