/// Draws the dashboard: the timeline row and the four boxed panels; the focused panel has an
/// accent border and its selected row highlighted.
enum DashboardView {
    static func draw<S: CanvasSurface>(_ model: DashboardModel, view: ViewState, on surface: inout S) {
        RowView.draw(model.timeline, on: &surface, row: model.timelineRow, col: 0, width: surface.cols)
        for (index, panel) in model.panels.enumerated() {
            draw(panel, focused: index == view.panel, cursor: view.cursor(index), scroll: view.scroll(index), on: &surface)
        }
    }

    static func draw<S: CanvasSurface>(_ panel: PanelModel, focused: Bool, cursor: Int?, scroll: Int, on surface: inout S) {
        let rect = panel.rect
        guard rect.rows >= 3, rect.cols >= 8 else { return }
        surface.box(rect, style: focused ? Style(.accent) : .muted, kind: focused ? .heavy : .rounded,
                    title: panel.title, titleStyle: focused ? Style(.accent, .bold) : .bold)
        let inner = rect.inset(by: 1)
        var y = inner.row
        if let columns = panel.columns {
            var heading = columns
            heading.spans = heading.spans.map { TextSpan($0.text, Style(.muted, .bold), width: $0.width, align: $0.align) }
            RowView.draw(heading, on: &surface, row: y, col: inner.col, width: inner.cols)
            y += 1
        }
        guard !panel.rows.isEmpty else {
            surface.put(" " + panel.empty, row: y, col: inner.col, style: .muted, maxWidth: inner.cols, ellipsis: true)
            return
        }
        let page = panel.pageRows
        for (offset, row) in panel.rows.dropFirst(scroll).prefix(page).enumerated() {
            let index = scroll + offset
            RowView.draw(row, on: &surface, row: y + offset, col: inner.col, width: inner.cols,
                         selected: focused && cursor == index)
        }
        if panel.rows.count > page {
            let position = " \((cursor ?? 0) + 1)/\(panel.rows.count) "
            surface.put(position, row: rect.maxRow - 1, col: rect.maxCol - 2 - position.count,
                        style: focused ? Style(.accent) : .muted)
        }
    }
}
