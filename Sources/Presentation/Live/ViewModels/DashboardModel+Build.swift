import AccessLog
import Analysis

extension DashboardModel {
    /// The dashboard for `data` as the user has filtered and sorted it, laid out in `body`
    /// (the screen minus header and footer); the timeline takes the body's first row.
    public static func build(_ data: LiveData, app: AppState, body: Rect) -> DashboardModel {
        let snapshot = data.snapshot
        let filter = app.filter
        let findings = data.findings.filter { filter.matches($0) }
        let (timelineRect, panelArea) = body.splitRows(at: 1)
        let rects = DashboardLayout.panels(in: panelArea, findings: findings.count)
        let clusters = ClusterRows.sorted(snapshot.clusters.filter { filter.matches($0) }, by: app.sort)
        let flags = sortedFlags(snapshot.flags.filter { filter.matches($0) }, by: app.sort)
        let codes = snapshot.responseCodes.filter { filter.matches(code: $0.code) }
        let panels = [
            findingsPanel(findings, total: data.findings.count, rect: rects[0]),
            ClusterRows.panel(clusters, total: snapshot.clusters.count, requests: snapshot.requests,
                              accuracy: snapshot.accuracy.clusters, sort: app.sort, rect: rects[1],
                              visible: PanelModel.visibleRows(app.view, panel: 1, rowCount: clusters.count,
                                                              pageRows: PanelModel.pageRows(rects[1], columns: true))),
            flagsPanel(flags, requests: snapshot.requests, total: snapshot.flags.count, rect: rects[2]),
            codesPanel(codes, requests: snapshot.requests, total: snapshot.responseCodes.count, rect: rects[3]),
        ]
        return DashboardModel(timeline: timelineRow(snapshot.timeline, width: timelineRect.cols),
                              timelineRow: timelineRect.row, panels: panels)
    }

    static func title(_ name: String, shown: Int, total: Int) -> String {
        shown == total ? "\(name) (\(total))" : "\(name) (\(shown) of \(total))"
    }

    static func findingsPanel(_ findings: [Finding], total: Int, rect: Rect) -> PanelModel {
        let rows = findings.map { finding in
            let tag = StatusStyle.findingTag(finding)
            return ModelRow([TextSpan(" "), TextSpan(tag.text, tag.style, width: 4),
                      TextSpan("  "), TextSpan(finding.title)],
                     target: .finding(finding.id, subject: finding.subject))
        }
        return PanelModel(title: title("Findings", shown: findings.count, total: total), rows: rows,
                          empty: total == 0 ? "no findings yet: the traffic looks healthy so far" : "no finding matches the filter",
                          rect: rect)
    }

    static func sortedFlags(_ flags: [FlagStats], by sort: SortMode) -> [FlagStats] {
        switch sort {
        case .count, .errors: flags
        case .p99: flags.sorted { $0.latency.p99 != $1.latency.p99 ? $0.latency.p99 > $1.latency.p99 : $0.count > $1.count }
        }
    }

    static func flagsPanel(_ flags: [FlagStats], requests: Int, total: Int, rect: Rect) -> PanelModel {
        let rows = flags.map { stats in
            ModelRow([TextSpan(" "), TextSpan(stats.flag.shortName, StatusStyle.flagStyle(stats.flag).adding(.bold), width: 5),
                      TextSpan(Format.thousands(stats.count), width: 8, align: .right),
                      TextSpan(Format.percent(stats.count, of: requests), .muted, width: 7, align: .right),
                      TextSpan("  "), TextSpan(stats.flag.longName)],
                     target: .flag(stats.flag))
        }
        let columns = ModelRow([TextSpan(" "), TextSpan("FLAG", width: 5), TextSpan("COUNT", width: 8, align: .right),
                                TextSpan("SHARE", width: 7, align: .right), TextSpan("  NAME")])
        return PanelModel(title: title("Response flags", shown: flags.count, total: total), columns: columns, rows: rows,
                          empty: total == 0 ? "no response flags: every request completed normally" : "no flag matches the filter",
                          rect: rect)
    }

    static func codesPanel(_ codes: [CodeCount], requests: Int, total: Int, rect: Rect) -> PanelModel {
        let barWidth = max(0, rect.cols - 2 - 24)
        let top = codes.map(\.count).max() ?? 0
        let rows = codes.map { code in
            let label = code.code == 0 ? "0" : LiveLabels.codeText(code.code)
            return ModelRow([TextSpan(" "), TextSpan(label, StatusStyle.codeStyle(code.code).adding(.bold), width: 4),
                             TextSpan(Format.thousands(code.count), width: 9, align: .right),
                             TextSpan(Format.percent(code.count, of: requests), .muted, width: 7, align: .right),
                             TextSpan("  "),
                             TextSpan(Format.bar(top > 0 ? Double(code.count) / Double(top) : 0, width: barWidth),
                                      StatusStyle.codeStyle(code.code))],
                            target: .lines(LineScope(code: code.code)))
        }
        let columns = ModelRow([TextSpan(" "), TextSpan("CODE", width: 4), TextSpan("COUNT", width: 9, align: .right),
                                TextSpan("SHARE", width: 7, align: .right)])
        return PanelModel(title: title("Response codes", shown: codes.count, total: total), columns: columns, rows: rows,
                          empty: total == 0 ? "no requests yet" : "no code matches the filter", rect: rect)
    }

    /// `req/s ▁▂▃▅▇ 250   err/s   ▁ 3`: requests and errors per timeline bucket, newest right.
    static func timelineRow(_ timeline: Timeline, width: Int) -> ModelRow {
        let unit = timeline.bucketSeconds == 1 ? "s" : "\(timeline.bucketSeconds)s"
        let lastRequests = timeline.requests.last ?? 0, lastErrors = timeline.errors.last ?? 0
        let reqLabel = " req/" + unit + " ", errLabel = "  err/" + unit + " "
        let reqValue = " " + Format.compact(lastRequests), errValue = " " + Format.compact(lastErrors)
        let note = TimelineNote.short(timeline).map { "  " + $0 } ?? ""
        let room = max(0, width - reqLabel.count - errLabel.count - reqValue.count - errValue.count - note.count - 1)
        let reqWidth = room * 3 / 5, errWidth = room - reqWidth
        let top = timeline.requests.max() ?? 0
        return ModelRow([
            TextSpan(reqLabel, .muted),
            TextSpan(Format.sparkline(timeline.requests, maxValue: top, width: reqWidth), Style(.ok)),
            TextSpan(reqValue, .bold),
            TextSpan(errLabel, .muted),
            TextSpan(Format.sparkline(timeline.errors, width: errWidth), Style(.critical)),
            TextSpan(errValue, lastErrors > 0 ? Style(.critical, .bold) : .muted),
            TextSpan(note, .muted),
        ])
    }
}
