/// The bottom row: key hints for the screen (as many as fit, most useful first), or the filter
/// being typed.
enum FooterModel {
    static func row(app: AppState, cols: Int) -> ModelRow {
        if app.editingFilter != nil {
            return ModelRow([TextSpan(" /", Style(.accent, .bold)), TextSpan(app.filterText, .bold), TextSpan("▏", Style(.accent)),
                             TextSpan("   ⏎ apply  esc cancel  ^U clear   ", .muted),
                             TextSpan("flag: cluster: code: host: method: pod: text !not", .muted)])
        }
        let hints = hints(app)
        var chosen = Array(repeating: false, count: hints.count)
        var used = 1
        for index in hints.indices.sorted(by: { hints[$0].priority < hints[$1].priority }) {
            let width = hints[index].key.count + hints[index].label.count + 3
            if used + width <= cols { chosen[index] = true; used += width }
        }
        var spans = [TextSpan(" ")]
        for (index, hint) in hints.enumerated() where chosen[index] {
            spans.append(TextSpan("<" + hint.key + ">", Style(.accent, .bold)))
            spans.append(TextSpan(hint.label + " ", .muted))
        }
        return ModelRow(spans)
    }

    private struct Hint {
        var key: String
        var label: String
        var priority: Int
    }

    private static func hints(_ app: AppState) -> [Hint] {
        if app.helpVisible {
            return [Hint(key: "j/k", label: "scroll", priority: 1), Hint(key: "esc", label: "close help", priority: 0),
                    Hint(key: "q", label: "quit", priority: 0)]
        }
        var list = [Hint(key: "enter", label: "open", priority: 0)]
        if app.stack.count > 1 { list.append(Hint(key: "esc", label: "back", priority: 0)) }
        if app.screen == .dashboard { list.append(Hint(key: "tab", label: "panel", priority: 1)) }
        if app.screen == .dashboard, !app.filterText.isEmpty { list.append(Hint(key: "esc", label: "clear filter", priority: 3)) }
        list.append(Hint(key: "/", label: "filter", priority: 1))
        switch app.screen {
        case .lines, .line: break
        default: list.append(Hint(key: "l", label: "lines", priority: 2))
        }
        list += [Hint(key: "s", label: "sort", priority: 4), Hint(key: "w", label: "window", priority: 4),
                 Hint(key: "space", label: app.paused ? "resume" : "pause", priority: 3),
                 Hint(key: "?", label: "help", priority: 0), Hint(key: "q", label: "quit", priority: 0)]
        return list
    }
}
