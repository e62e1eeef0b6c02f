/// One boxed list on the dashboard: a title, optional column headings, the rows (already sorted,
/// filtered and cut to what is worth showing) and where the box goes.
public struct PanelModel: Equatable, Sendable {
    public var title: String
    public var columns: ModelRow?
    public var rows: [ModelRow]
    /// Shown when there are no rows.
    public var empty: String
    /// The box, border included, in screen coordinates.
    public var rect: Rect

    public init(title: String, columns: ModelRow? = nil, rows: [ModelRow], empty: String, rect: Rect) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.empty = empty
        self.rect = rect
    }

    /// Rows that fit inside the box under the headings.
    public var pageRows: Int { max(1, rect.rows - 2 - (columns == nil ? 0 : 1)) }

    /// Columns inside the border.
    public var innerWidth: Int { max(0, rect.cols - 2) }

    var context: PanelContext { PanelContext(targets: rows.map(\.target), pageRows: pageRows) }
}
