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
