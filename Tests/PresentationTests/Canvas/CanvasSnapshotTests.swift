import AccessLog
import Testing
@testable import Presentation

/// Composed canvases built only from the Canvas primitives and Format helpers, the way screens
/// will be: a boxed panel with a table, bars and sparklines, at two widths, and hostile input.
@Suite struct CanvasSnapshotTests {
    struct Row { let name: String; let requests: Int; let errors: Int; let p99: Int; let share: Double }

    static let rows = [
        Row(name: "outbound|50051||grpc-backend.shop.svc.cluster.local", requests: 182_340, errors: 12, p99: 87, share: 0.97),
        Row(name: "outbound|8080||reviews.default.svc.cluster.local", requests: 9_120, errors: 730, p99: 1_240, share: 0.34),
        Row(name: "inbound|9080||", requests: 88, errors: 0, p99: 3, share: 0.0),
        Row(name: "PassthroughCluster 日本語", requests: 3, errors: 3, p99: 64_000, share: 0.001),
    ]

    static func drawPanel(into canvas: inout Canvas) {
        let panel = canvas.bounds
        canvas.box(panel, style: .muted, title: "Clusters", titleStyle: Style.accent.adding(.bold))
        canvas.withRegion(panel.inset(by: 1)) { inside in
            let nameWidth = max(8, inside.cols - 8 - 7 - 7 - 12 - 4)
            var col = inside.put(Format.padded("CLUSTER", toWidth: nameWidth), row: 0, col: 0, style: .bold)
            for (title, width) in [("REQS", 8), ("ERR%", 7), ("P99", 7)] {
                col = inside.put(" " + Format.padded(title, toWidth: width - 1, align: .right), row: 0, col: col, style: .bold)
            }
            inside.put("  HOST SHARE", row: 0, col: col, style: .bold)
            for (i, row) in rows.enumerated() {
                let r = i + 1
                let rowStyle: Style = i == 1 ? .selection : .plain
                if i == 1 { inside.fill(Rect(row: r, col: 0, rows: 1, cols: inside.cols), style: rowStyle) }
                var c = inside.put(Format.padded(row.name, toWidth: nameWidth), row: r, col: 0, style: rowStyle)
                c = inside.put(Format.rightAligned(row.requests, width: 8), row: r, col: c, style: rowStyle)
                let errStyle: Style = row.errors * 10 > row.requests ? .critical : rowStyle
                c = inside.put(" " + Format.padded(Format.percent(row.errors, of: row.requests), toWidth: 6, align: .right),
                               row: r, col: c, style: errStyle)
                c = inside.put(" " + Format.padded(Format.duration(milliseconds: row.p99), toWidth: 6, align: .right),
                               row: r, col: c, style: rowStyle)
                inside.put("  " + Format.bar(row.share, width: 10), row: r, col: c, style: .accent)
            }
            let divider = rows.count + 1
            let requests = [0, 3, 9, 14, 20, 18, 25, 31, 29, 40, 38, 35, 12, 0, 44]
            let errors = [0, 0, 0, 1, 0, 2, 0, 0, 9, 15, 3, 0, 0, 0, 1]
            let top = requests.max() ?? 0
            inside.put("req/s " + Format.sparkline(requests, maxValue: top, width: 20), row: divider + 1, col: 0)
            inside.put("err/s " + Format.sparkline(errors, maxValue: top, width: 20), row: divider + 2, col: 0, style: .critical)
        }
        canvas.boxDivider(panel, row: rows.count + 2, style: .muted)
    }

    @Test func boxedPanelWithTableAndBars() {
        var canvas = Canvas(rows: 10, cols: 80)
        Self.drawPanel(into: &canvas)
        assertLinesSnapshot(canvas.text)
        assertLinesSnapshot(canvas.styleMask, named: "style")
    }

    @Test func narrowPanelTruncatesCleanly() {
        var canvas = Canvas(rows: 10, cols: 52)
        Self.drawPanel(into: &canvas)
        assertLinesSnapshot(canvas.text)
    }

    @Test func hostileLogFieldsStayEscaped() {
        var canvas = Canvas(rows: 5, cols: 60)
        canvas.box(canvas.bounds, kind: .rounded, title: "Line \u{1B}]0;owned\u{7}")
        let fields = ["GET /a?x=\u{1B}[2J\u{1B}[H", "ua=\u{9B}6n curl/8\tend", "path=/\u{202E}gnp.exe\r\n"]
        for (i, field) in fields.enumerated() {
            canvas.put(field, row: i + 1, col: 2, maxWidth: 56, ellipsis: true)
        }
        #expect(!canvas.text.unicodeScalars.contains { !TerminalSafe.isSafe($0) && $0 != "\n" })
        assertLinesSnapshot(canvas.text)
    }
}
