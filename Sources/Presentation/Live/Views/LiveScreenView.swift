/// Draws a whole frame of the live view into a canvas: header, title row, body, footer.
public enum LiveScreenView {
    public static func draw(_ model: LiveScreenModel, app: AppState, into canvas: inout Canvas) {
        let cols = canvas.cols, rows = canvas.rows
        guard rows > 0, cols > 0 else { return }
        for (i, row) in model.header.enumerated() where i < rows - 1 {
            RowView.draw(row, on: &canvas, row: i, col: 0, width: cols)
        }
        if let title = model.title, rows > 4 { RowView.draw(title, on: &canvas, row: 2, col: 0, width: cols) }
        switch model.body {
        case .dashboard(let dashboard):
            DashboardView.draw(dashboard, view: app.view, on: &canvas)
        case .list(let list):
            let scroll = app.helpVisible ? app.helpScroll : app.view.scroll(0)
            let cursor = app.helpVisible ? nil : app.view.cursor(0)
            draw(list, cursor: cursor, scroll: scroll, on: &canvas)
        }
        if rows > 1 { RowView.draw(model.footer, on: &canvas, row: rows - 1, col: 0, width: cols) }
    }

    static func draw(_ list: ListModel, cursor: Int?, scroll: Int, on canvas: inout Canvas) {
        let rect = list.rect
        guard rect.rows > 0 else { return }
        guard !list.rows.isEmpty else {
            canvas.put(" " + list.empty, row: rect.row, col: rect.col, style: .muted, maxWidth: rect.cols, ellipsis: true)
            return
        }
        for (offset, row) in list.rows.dropFirst(scroll).prefix(rect.rows).enumerated() {
            RowView.draw(row, on: &canvas, row: rect.row + offset, col: rect.col, width: rect.cols,
                         selected: cursor == scroll + offset)
        }
        if list.rows.count > rect.rows {
            let position = " \(min(list.rows.count, scroll + rect.rows))/\(list.rows.count) "
            canvas.put(position, row: rect.row - 1, col: rect.maxCol - position.count, style: .muted)
        }
    }
}
