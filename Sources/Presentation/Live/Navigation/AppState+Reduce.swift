import Analysis

/// The live view's key handling: a pure function of the state, the key and what is on screen.
///
/// Keys (k9s / GoAccess habits): `↑↓`/`j k` move, `PgUp PgDn` (also Ctrl-B / Ctrl-F) page, `g G`
/// (Home End) jump, `Tab`/`Shift-Tab` switch dashboard panels, `Enter` (→) drills in, `Esc` (←,
/// Backspace) goes back, `/` filters, `s` sorts, `w` picks the time window, `space` pauses, `l` shows
/// the raw lines of what is on screen, `?` help, `q` quits.
public func reduce(_ state: inout AppState, _ key: Key, context: NavigationContext) -> AppEffect {
    if state.editingFilter != nil { return state.editFilter(key) }
    if state.helpVisible { return state.handleHelp(key, context: context) }
    switch key {
    case .character("q"), .ctrl("c"): return .quit
    case .up, .character("k"): state.move(by: -1, context)
    case .down, .character("j"): state.move(by: 1, context)
    case .pageUp, .ctrl("b"): state.move(by: -context.panel(state.view.panel).pageRows, context)
    case .pageDown, .ctrl("f"): state.move(by: context.panel(state.view.panel).pageRows, context)
    case .home, .character("g"): state.move(by: Int.min / 2, context)
    case .end, .character("G"): state.move(by: Int.max / 2, context)
    case .tab: state.switchPanel(by: 1, context)
    case .backTab: state.switchPanel(by: -1, context)
    case .enter, .right: state.drillIn(context)
    case .escape, .left, .backspace: state.goBack()
    case .character("/"): state.editingFilter = state.filterText
    case .character("s"): state.sort = state.sort.next
    case .character("w"):
        state.window = state.window.next
        return .setWindow(state.window)
    case .character(" "): state.togglePause(context)
    case .character("?"), .function(1):
        state.helpVisible = true
        state.helpScroll = 0
    case .character("l"): state.openLines()
    default: break
    }
    return .none
}

extension AppState {
    /// Puts every cursor of the top screen inside its panel and scrolls it into view; a cursor not
    /// yet placed goes to its panel's starting row. Call after building the screen's context.
    public mutating func settle(_ context: NavigationContext) {
        if let help = context.help {
            helpScroll = max(0, min(helpScroll, help.rowCount - help.pageRows))
        }
        var view = self.view
        if view.panel >= context.panels.count { view.panel = 0 }
        for (index, panel) in context.panels.enumerated() {
            guard panel.rowCount > 0 else { view.set(cursor: nil, scroll: 0, panel: index); continue }
            var row = view.cursor(index) ?? panel.initialRow ?? 0
            if panel.startsAtEnd && view.follow { row = panel.rowCount - 1 }
            row = min(max(0, row), panel.rowCount - 1)
            view.set(cursor: row, scroll: Self.scroll(view.scroll(index), showing: row, panel), panel: index)
        }
        self.view = view
    }

    static func scroll(_ top: Int, showing row: Int, _ panel: PanelContext) -> Int {
        scroll(top, showing: row, rowCount: panel.rowCount, pageRows: panel.pageRows)
    }

    static func scroll(_ top: Int, showing row: Int, rowCount: Int, pageRows: Int) -> Int {
        var top = min(top, row)
        if row >= top + pageRows { top = row - pageRows + 1 }
        return max(0, min(top, rowCount - pageRows))
    }

    mutating func move(by delta: Int, _ context: NavigationContext) {
        var view = self.view
        let index = view.panel
        let panel = context.panel(index)
        guard panel.rowCount > 0 else { return }
        let current = view.cursor(index) ?? panel.initialRow ?? 0
        let row = min(max(0, current + delta), panel.rowCount - 1)
        view.set(cursor: row, scroll: Self.scroll(view.scroll(index), showing: row, panel), panel: index)
        if panel.startsAtEnd { view.follow = row == panel.rowCount - 1 }
        self.view = view
    }

    mutating func switchPanel(by delta: Int, _ context: NavigationContext) {
        let count = context.panels.count
        guard count > 1 else { return }
        view.panel = ((view.panel + delta) % count + count) % count
    }

    mutating func drillIn(_ context: NavigationContext) {
        let index = view.panel
        let panel = context.panel(index)
        guard let row = view.cursor(index) ?? panel.initialRow, row < panel.rowCount,
              let target = panel.targets[row] else { return }
        stack.append(ScreenEntry(target))
    }

    mutating func goBack() {
        if stack.count > 1 {
            stack.removeLast()
        } else if !filterText.isEmpty {
            setFilter("")
        }
    }

    mutating func togglePause(_ context: NavigationContext) {
        if paused {
            paused = false
            frozen = nil
        } else {
            paused = true
            frozen = context.data
        }
    }

    /// `l`: the raw lines behind the screen on top.
    mutating func openLines() {
        let scope: LineScope
        switch screen {
        case .dashboard: scope = LineScope()
        case .flag(let flag): scope = LineScope(flag: flag)
        case .cluster(let name): scope = LineScope(cluster: name)
        case .host(let cluster, let host): scope = LineScope(cluster: cluster, host: host)
        case .finding(_, let subject): scope = subject.contains("|") ? LineScope(cluster: subject) : LineScope()
        case .lines, .line: return
        }
        stack.append(ScreenEntry(.lines(scope)))
    }

    mutating func editFilter(_ key: Key) -> AppEffect {
        var text = filterText
        switch key {
        case .enter:
            editingFilter = nil
            return .none
        case .escape:
            text = editingFilter ?? ""
            editingFilter = nil
        case .backspace, .delete: if !text.isEmpty { text.removeLast() }
        case .ctrl("u"): text = ""
        case .ctrl("c"): return .quit
        case .character(let c): text.append(c)
        default: return .none
        }
        setFilter(text)
        return .none
    }

    mutating func handleHelp(_ key: Key, context: NavigationContext) -> AppEffect {
        switch key {
        case .character("q"), .ctrl("c"): return .quit
        case .up, .character("k"): helpScroll = max(0, helpScroll - 1)
        case .down, .character("j"): helpScroll += 1
        case .pageUp: helpScroll = max(0, helpScroll - (context.help?.pageRows ?? 10))
        case .pageDown: helpScroll += context.help?.pageRows ?? 10
        case .home, .character("g"): helpScroll = 0
        case .resize, .end, .character("G"): break
        default: helpVisible = false
        }
        return .none
    }
}
