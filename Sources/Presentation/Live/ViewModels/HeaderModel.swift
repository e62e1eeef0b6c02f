import AccessLog
import Analysis

/// The two header rows: status bar (state, sources, rate, window, sort, filter) and input health.
enum HeaderModel {
    static func rows(_ data: LiveData, app: AppState, width: Int) -> [ModelRow] {
        [statusRow(data, app: app), healthRow(data, narrow: width < 100)]
    }

    static func statusRow(_ data: LiveData, app: AppState) -> ModelRow {
        let state = data.state
        let bar = Style.header
        let status: TextSpan
        if app.paused {
            status = TextSpan(" PAUSED ", Style(.warning, [.bold, .reverse]))
        } else if let error = state.error {
            status = TextSpan(" ERROR " + error + " ", Style(.critical, [.bold, .reverse]))
        } else if state.ended {
            status = TextSpan(" ENDED ", Style(.info, [.bold, .reverse]))
        } else {
            status = TextSpan(" LIVE ", Style(.ok, [.bold, .reverse]))
        }
        let sources = state.followed.isEmpty ? (data.sources.isEmpty ? "stdin" : data.sources.joined(separator: ", "))
            : followedText(state.followed)
        var spans = [TextSpan(" meshlog ", bar), status, TextSpan(" " + sources, bar),
                     TextSpan(" · " + Format.thousands(state.linesRead) + (state.linesRead == 1 ? " line" : " lines"), bar)]
        if !state.ended { spans.append(TextSpan(" · " + Format.compact(Int(state.linesPerSecond.rounded())) + "/s", bar)) }
        let approximate = ApproximateTables.names(data.snapshot)
        if !approximate.isEmpty {
            spans.append(TextSpan(" · ≈ approximate: " + approximate.joined(separator: ", "), Style(.header, .bold)))
        }
        if !app.filterText.isEmpty { spans.append(TextSpan(" · filter " + app.filterText, Style(.header, .bold))) }
        var window = " · window " + app.window.label
        if app.window != .all, state.window == app.window, let start = state.windowStartMs {
            window += " (since " + Format.clock(start) + ")"
        }
        spans.append(TextSpan(window, bar))
        spans.append(TextSpan(" · sort " + app.sort.label, bar))
        spans.append(TextSpan("", bar, width: 500))
        return ModelRow(spans)
    }

    /// `follow 3 files: frontend-1/0.log, b.log (waiting), old.log.gz (read once)`.
    static func followedText(_ files: [FollowedInput]) -> String {
        let names = files.map { file -> String in
            switch file.state {
            case .following: file.name
            case .waiting: file.name + " (waiting)"
            case .readOnce: file.name + " (read once)"
            }
        }
        return "follow " + (files.count == 1 ? "" : "\(files.count) files: ") + names.joined(separator: ", ")
    }

    /// ` 21,917 access · 472 non-access · 0 malformed │ 4 errors (<0.1%) │ 09:58:20–10:00:05 (1m45s)`
    static func healthRow(_ data: LiveData, narrow: Bool) -> ModelRow {
        let snapshot = data.snapshot
        let lines = snapshot.lines
        let count: (Int) -> String = { narrow ? Format.compact($0) : Format.thousands($0) }
        var spans = [
            TextSpan(" " + count(lines.access)), TextSpan(" access · ", .muted),
            TextSpan(count(lines.nonAccess)), TextSpan(" non-access · ", .muted),
            TextSpan(count(lines.malformed), lines.malformed > 0 ? Style(.warning, .bold) : .plain),
            TextSpan(" malformed", .muted), TextSpan(" │ ", .muted),
            TextSpan(count(snapshot.errors) + (narrow ? " err " : snapshot.errors == 1 ? " error " : " errors ") + "(" + Format.percent(snapshot.errors, of: snapshot.requests) + ")",
                     snapshot.errors > 0 ? StatusStyle.errorStyle(snapshot.errors, of: snapshot.requests) : .plain),
        ]
        if let range = snapshot.timeRange {
            spans.append(TextSpan(" │ ", .muted))
            spans.append(TextSpan(Format.clock(range.firstMs) + "–" + Format.clock(range.lastMs)))
            spans.append(TextSpan(" " + Format.duration(milliseconds: Int(range.lastMs - range.firstMs)), .muted))
        }
        return ModelRow(spans)
    }
}
