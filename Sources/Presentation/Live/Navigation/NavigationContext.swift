/// What the reducer needs to know about the screen as last drawn: its panels' rows and sizes, and
/// the live data (to freeze it on pause).
public struct NavigationContext: Sendable {
    public var panels: [PanelContext]
    /// The data on screen; pausing freezes exactly this.
    public var data: LiveData?
    /// The help screen's lines, while it is shown.
    public var help: PanelContext?

    public init(panels: [PanelContext], data: LiveData? = nil, help: PanelContext? = nil) {
        self.panels = panels
        self.data = data
        self.help = help
    }

    func panel(_ index: Int) -> PanelContext {
        index < panels.count ? panels[index] : PanelContext(targets: [], pageRows: 1)
    }
}

/// One list on screen: where each row leads (nil: nowhere) and how many rows fit.
public struct PanelContext: Sendable {
    public var targets: [Screen?]
    /// Rows visible at once (at least 1).
    public var pageRows: Int
    /// Where the cursor starts: the newest (last) row rather than the first useful one.
    public var startsAtEnd: Bool

    public init(targets: [Screen?], pageRows: Int, startsAtEnd: Bool = false) {
        self.targets = targets
        self.pageRows = max(1, pageRows)
        self.startsAtEnd = startsAtEnd
    }

    public var rowCount: Int { targets.count }

    /// The row a fresh cursor goes to.
    var initialRow: Int? {
        guard rowCount > 0 else { return nil }
        if startsAtEnd { return rowCount - 1 }
        return targets.firstIndex { $0 != nil } ?? 0
    }
}
