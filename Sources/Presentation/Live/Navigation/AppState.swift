import Analysis

/// Everything the user has chosen in the live view; changed only by `reduce(_:_:context:)`.
public struct AppState: Equatable, Sendable {
    /// The navigation stack; the first entry is always the dashboard.
    public var stack: [ScreenEntry] = [ScreenEntry(.dashboard)]
    /// The filter as typed, and parsed.
    var filterText = ""
    public var filter = FilterQuery()
    public var sort = SortMode.count
    public var window = LiveWindow.all
    /// Paused: the screen shows `frozen` while ingest continues.
    public var paused = false
    var frozen: LiveData?
    var helpVisible = false
    /// First visible row of the help screen.
    var helpScroll = 0
    /// Typing a filter after `/`: the text to restore on Esc.
    var editingFilter: String?

    public init() {}

    /// The screen on top of the stack.
    public var screen: Screen { stack.last?.screen ?? .dashboard }

    /// The view state of the top screen.
    public var view: ViewState {
        get { stack.last?.view ?? ViewState() }
        set { if !stack.isEmpty { stack[stack.count - 1].view = newValue } }
    }

    /// `flags › UO › outbound|50051||orders… › 10.244.1.17:50051`: the panel the path started from,
    /// then each screen.
    var breadcrumb: [String] {
        guard stack.count > 1 else { return ["dashboard"] }
        let crumbs = stack.dropFirst().map(\.screen.crumb)
        if case .lines(let scope) = stack[1].screen, scope.code == nil { return crumbs }   // "lines …" names itself
        return [stack[1].screen.section] + crumbs
    }

    /// The data to draw: the frozen copy while paused, else `live`.
    public func shown(_ live: LiveData) -> LiveData { paused ? frozen ?? live : live }

    /// Sets the filter text and its parsed form.
    mutating func setFilter(_ text: String) {
        filterText = text
        filter = FilterQuery(parsing: text)
    }
}
