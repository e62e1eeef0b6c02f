/// A scrollable list of rows in a rectangle: every screen but the dashboard.
public struct ListModel: Equatable, Sendable {
    public var rows: [ModelRow]
    var rect: Rect
    /// Shown when there are no rows.
    public var empty: String
    /// The newest row is the last one; a fresh cursor starts there and follows new rows.
    var startsAtEnd: Bool

    public init(rows: [ModelRow], rect: Rect, empty: String = "nothing to show", startsAtEnd: Bool = false) {
        self.rows = rows
        self.rect = rect
        self.empty = empty
        self.startsAtEnd = startsAtEnd
    }

    var context: PanelContext {
        PanelContext(targets: rows.map(\.target), pageRows: rect.rows, startsAtEnd: startsAtEnd)
    }
}
