/// One boxed list on the dashboard: a title, optional column headings, the rows (already sorted,
/// filtered and cut to what is worth showing) and where the box goes.
public struct PanelModel: Equatable, Sendable {
    public var title: String
    public var columns: ModelRow?
    public var rows: [ModelRow]
    /// Shown when there are no rows.
    public var empty: String
    /// The box, border included, in screen coordinates.
    var rect: Rect

    public init(title: String, columns: ModelRow? = nil, rows: [ModelRow], empty: String, rect: Rect) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.empty = empty
        self.rect = rect
    }

    /// Rows that fit inside the box under the headings.
    var pageRows: Int { Self.pageRows(rect, columns: columns != nil) }

    static func pageRows(_ rect: Rect, columns: Bool) -> Int { max(1, rect.rows - 2 - (columns ? 1 : 0)) }

    /// The rows of a panel with `rowCount` rows that can be on screen once `AppState.settle` has
    /// placed its cursor (plus a page either side): the rows worth building in full. Rows whose
    /// targets all lead somewhere start at row 0, as `settle` does.
    static func visibleRows(_ view: ViewState, panel: Int, rowCount: Int, pageRows: Int) -> Range<Int> {
        guard rowCount > 0 else { return 0..<0 }
        let row = min(max(0, view.cursor(panel) ?? 0), rowCount - 1)
        let top = AppState.scroll(view.scroll(panel), showing: row, rowCount: rowCount, pageRows: pageRows)
        return max(0, top - pageRows)..<min(rowCount, top + 2 * pageRows)
    }

    /// Columns inside the border.
    var innerWidth: Int { max(0, rect.cols - 2) }

    var context: PanelContext { PanelContext(targets: rows.map(\.target), pageRows: pageRows) }
}
