/// Small pure text helpers for views and reports: padding to display width, numbers, durations,
/// percentages, bars and sparklines. One helper per file (`Format+*.swift`).
public enum Format {
    /// Horizontal alignment inside a column.
    public enum Alignment: Sendable {
        case left, right, center
    }
}
