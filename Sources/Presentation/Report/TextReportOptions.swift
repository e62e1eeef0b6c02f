/// How `TextReport` lays out its text.
public struct TextReportOptions: Sendable {
    /// ANSI colour and bold (the caller decides: a terminal, and NO_COLOR unset).
    public var color: Bool
    /// Columns available.
    public var width: Int
    /// Names of the inputs, for the heading.
    public var inputNames: [String]
    /// Rows per table before "… N more".
    var maxRows: Int

    public init(color: Bool = false, width: Int = 100, inputNames: [String] = [], maxRows: Int = 10) {
        self.color = color
        self.width = max(40, width)
        self.inputNames = inputNames
        self.maxRows = max(1, maxRows)
    }
}
