/// Why a `--format` string could not be compiled.
public struct FormatError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What is wrong, e.g. `unterminated %REQ(USER-AGENT) at column 17`.
    public let message: String
    /// 1-based column (in characters of the format string) where the problem starts, when known.
    public let column: Int?

    public init(_ message: String, column: Int? = nil) {
        self.message = message
        self.column = column
    }

    public var description: String {
        column.map { "\(message) at column \($0)" } ?? message
    }
}
