import AccessLog
import Analysis

/// Everything one frame of the live view shows, built from the data and the app state for a
/// screen size: the header, the screen's body (dashboard panels or a list), the title row with the
/// breadcrumb, the key-hint footer, and the navigation context the reducer needs.
public struct LiveScreenModel: Sendable {
    /// The part between the title row and the footer.
    public enum Body: Equatable, Sendable {
        case dashboard(DashboardModel)
        case list(ListModel)
    }

    /// The screen size the frame was laid out for.
    public var rows: Int
    public var cols: Int
    /// Status bar and input-health row.
    public var header: [ModelRow]
    /// Row 2 on every screen but the dashboard: breadcrumb or help title.
    public var title: ModelRow?
    public var body: Body
    /// Key hints, or the filter being typed.
    var footer: ModelRow
    /// What `reduce` needs to know about this frame.
    public var context: NavigationContext

    /// Builds the frame. `data` is what the app would show live; while paused `app.frozen` is used.
    public static func build(_ live: LiveData, app: AppState, rows: Int, cols: Int) -> LiveScreenModel {
        let data = app.shown(live)
        let header = HeaderModel.rows(data, app: app, width: cols)
        let footer = FooterModel.row(app: app, cols: cols)
        let screenRows = max(0, rows)
        if app.helpVisible {
            let rect = Rect(row: 3, col: 0, rows: screenRows - 4, cols: cols)
            let list = ListModel(rows: HelpModel.rows(for: app.screen, width: cols), rect: rect)
            let title = ModelRow([TextSpan(" Help", Style(.accent, .bold)), TextSpan(" — " + app.breadcrumb.joined(separator: " › "), .muted)])
            return LiveScreenModel(rows: rows, cols: cols, header: header, title: title, body: .list(list), footer: footer,
                                   context: NavigationContext(panels: [], data: data, help: list.context))
        }
        if app.screen == .dashboard {
            let body = Rect(row: 2, col: 0, rows: screenRows - 3, cols: cols)
            let model = DashboardModel.build(data, app: app, body: body)
            return LiveScreenModel(rows: rows, cols: cols, header: header, title: nil, body: .dashboard(model), footer: footer,
                                   context: NavigationContext(panels: model.panels.map(\.context), data: data))
        }
        let rect = Rect(row: 3, col: 0, rows: screenRows - 4, cols: cols)
        let width = max(20, cols - 1)
        let list: ListModel
        var count = ""
        switch app.screen {
        case .dashboard:
            list = ListModel(rows: [], rect: rect)
        case .finding(let id, let subject):
            list = ListModel(rows: FindingDetail.rows(id, subject: subject, data: data, width: width), rect: rect)
        case .flag(let flag):
            list = ListModel(rows: FlagDetail.rows(flag, data: data, width: width), rect: rect)
        case .cluster(let name):
            list = ListModel(rows: ClusterDetail.rows(name, data: data, app: app, width: width), rect: rect)
        case .host(let cluster, let host):
            list = ListModel(rows: HostDetail.rows(cluster: cluster, host: host, data: data, app: app, width: width), rect: rect)
        case .lines(let scope):
            let (rows, total) = LinesModel.rows(scope, data: data, app: app)
            count = " · \(rows.count) of \(total) recent lines"
            list = ListModel(rows: rows, rect: rect,
                             empty: total == 0 ? "no lines yet" : "no recent line matches" + (app.filter.isEmpty ? "" : " the filter"),
                             startsAtEnd: true)
        case .line(let line):
            list = ListModel(rows: LineInspector.rows(line, customFormat: data.customFormat, width: width), rect: rect)
        }
        let title = breadcrumbRow(app.breadcrumb, cols: cols, suffix: count)
        return LiveScreenModel(rows: rows, cols: cols, header: header, title: title, body: .list(list), footer: footer,
                               context: NavigationContext(panels: [list.context], data: data))
    }

    /// ` flags › UO › outbound|50051||orders… › 10.244.1.17:50051`, each part cut to fit.
    static func breadcrumbRow(_ crumbs: [String], cols: Int, suffix: String) -> ModelRow {
        let budget = max(8, (cols - 2 - suffix.count) / max(1, crumbs.count) - 3)
        var spans = [TextSpan(" ")]
        for (i, crumb) in crumbs.enumerated() {
            if i > 0 { spans.append(TextSpan(" › ", .muted)) }
            let last = i == crumbs.count - 1
            spans.append(TextSpan(Format.truncated(crumb, toWidth: last ? max(budget, 24) : budget),
                                  last ? Style(.accent, .bold) : Style(.accent)))
        }
        spans.append(TextSpan(suffix, .muted))
        return ModelRow(spans)
    }
}
