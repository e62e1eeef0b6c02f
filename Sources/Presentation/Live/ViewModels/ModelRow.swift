/// One row of a list: styled spans drawn left to right (the last one cut at the edge), and the
/// screen Enter opens from it.
public struct ModelRow: Equatable, Sendable {
    public var spans: [TextSpan]
    public var target: Screen?

    public init(_ spans: [TextSpan], target: Screen? = nil) {
        self.spans = spans
        self.target = target
    }

    public static let blank = ModelRow([])

    /// A section heading: `Hosts (3)`.
    public static func heading(_ text: String) -> ModelRow {
        ModelRow([TextSpan(text, Style(.accent, .bold))])
    }

    /// `label ……… value`: a muted label column and a value.
    public static func fact(_ label: String, _ value: String, _ style: Style = .plain,
                            labelWidth: Int = 22, target: Screen? = nil) -> ModelRow {
        ModelRow([TextSpan("  "), TextSpan(label, .muted, width: labelWidth), TextSpan(" "), TextSpan(value, style)],
                 target: target)
    }

    /// Plain text on one row, indented.
    public static func text(_ text: String, _ style: Style = .plain, indent: Int = 2, target: Screen? = nil) -> ModelRow {
        ModelRow([TextSpan(String(repeating: " ", count: indent)), TextSpan(text, style)], target: target)
    }

    /// `text` word-wrapped to `width` columns (after `indent`), one row per line; hard line breaks
    /// in `text` are kept.
    public static func wrapped(_ text: String, width: Int, indent: Int = 2, _ style: Style = .plain,
                               hanging: String = "") -> [ModelRow] {
        ScreenText.wrap(text, width: max(10, width - indent), hanging: hanging).map {
            ModelRow.text($0, style, indent: indent)
        }
    }
}
