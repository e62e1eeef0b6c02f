/// A semantic style: a colour role plus attributes. Views say what text *means*; the terminal
/// backend decides how that looks on the terminal at hand.
public struct Style: Hashable, Sendable {
    public var role: ColorRole
    public var attributes: TextAttributes

    public init(_ role: ColorRole = .normal, _ attributes: TextAttributes = []) {
        self.role = role
        self.attributes = attributes
    }

    /// Default colours, no attributes.
    public static let plain = Style()
    public static let bold = Style(.normal, .bold)
    public static let dim = Style(.normal, .dim)
    public static let reverse = Style(.normal, .reverse)
    public static let underline = Style(.normal, .underline)
    public static let accent = Style(.accent)
    public static let ok = Style(.ok)
    public static let warning = Style(.warning)
    public static let critical = Style(.critical, .bold)
    public static let info = Style(.info)
    public static let muted = Style(.muted)
    public static let selection = Style(.selection)
    public static let header = Style(.header, .bold)

    /// This style with `extra` attributes added.
    public func adding(_ extra: TextAttributes) -> Style {
        Style(role, attributes.union(extra))
    }

    /// This style with another role, keeping the attributes.
    public func with(role: ColorRole) -> Style {
        Style(role, attributes)
    }
}
