@preconcurrency import Glibc
import Analysis
import Presentation

/// The live terminal UI: draws what a `LiveStore` publishes and handles keys until the user quits.
///
/// Everything here runs on the main thread; the reader thread only writes the store. Each frame
/// takes the store's current state (unless paused), diagnoses it when it changed, builds the
/// screen's view model, settles the cursor and draws. Keys go through the pure `reduce`.
public struct LiveApp {
    public var store: LiveStore
    /// Input names for the header.
    public var sources: [String]
    public var customFormat: String?
    public var diagnoser: Diagnoser
    /// Milliseconds between redraws when no key is pressed.
    var tickMs: Int

    public init(store: LiveStore, sources: [String], customFormat: String? = nil,
                diagnoser: Diagnoser = Diagnoser(), tickMs: Int = 250) {
        self.store = store
        self.sources = sources
        self.customFormat = customFormat
        self.diagnoser = diagnoser
        self.tickMs = tickMs
    }

    /// Runs on an open terminal until `q`, Ctrl-C, SIGTERM or SIGHUP. Does not close the terminal
    /// (the caller does, on every path).
    public func run(on terminal: Terminal) -> LoopExit {
        var session = LiveSession(app: self)
        return runLoop(terminal: terminal, tickMs: tickMs,
                       render: { canvas in session.render(into: &canvas) },
                       handle: { key in session.handle(key) })
    }
}

/// The mutable state of one run: navigation, the latest data and the last context.
struct LiveSession {
    let app: LiveApp
    var state = AppState()
    var data: LiveData
    var generation = -1
    var context = NavigationContext(panels: [])

    init(app: LiveApp) {
        self.app = app
        data = LiveData(sources: app.sources, customFormat: app.customFormat)
    }

    mutating func refresh() {
        guard !state.paused else { return }
        let live = app.store.current
        guard live.generation != generation else { return }
        generation = live.generation
        data = LiveData(state: live, findings: app.diagnoser.diagnose(live.snapshot), sources: app.sources,
                        customFormat: app.customFormat)
    }

    mutating func render(into canvas: inout Canvas) {
        refresh()
        let model = LiveScreenModel.build(data, app: state, rows: canvas.rows, cols: canvas.cols)
        state.settle(model.context)
        context = model.context
        LiveScreenView.draw(model, app: state, into: &canvas)
    }

    mutating func handle(_ key: Key) -> LoopAction {
        switch reduce(&state, key, context: context) {
        case .quit: return .quit
        case .setWindow(let window): app.store.setWindow(window)
        case .none: break
        }
        return .continue
    }
}
