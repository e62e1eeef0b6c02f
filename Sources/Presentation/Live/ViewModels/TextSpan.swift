import AccessLog

/// A run of text in one style; with `width`, a column exactly that wide (padded or cut with `…`).
public struct TextSpan: Equatable, Sendable {
    public var text: String
    public var style: Style
    public var width: Int?
    var align: Format.Alignment

    public init(_ text: String, _ style: Style = .plain, width: Int? = nil, align: Format.Alignment = .left) {
        self.text = text
        self.style = style
        self.width = width
        self.align = align
    }
}
