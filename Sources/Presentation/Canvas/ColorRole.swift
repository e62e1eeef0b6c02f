/// The meaning of a piece of text, not its colour. The terminal backend maps each role to a colour
/// pair, or to attributes (bold, reverse, ...) when the terminal has no colours.
public enum ColorRole: UInt8, CaseIterable, Hashable, Sendable {
    /// Ordinary text in the terminal's default colours.
    case normal
    /// Emphasis that is neither good nor bad: names, keys, the focused panel's title.
    case accent
    /// Healthy values (2xx, no flags).
    case ok
    /// Worth a look (4xx, retries, moderate findings).
    case warning
    /// Broken (5xx, UH/UF/UO flags, critical findings).
    case critical
    /// Neutral information (hints, counts).
    case info
    /// De-emphasised text (units, separators, empty values).
    case muted
    /// The selected row.
    case selection
    /// Title and status bars.
    case header
}
