import Presentation

/// What a key handler wants the loop to do next.
enum LoopAction: Sendable {
    case `continue`
    case quit
}

/// Why ``runLoop(terminal:tickMs:render:handle:)`` returned.
public enum LoopExit: Equatable, Sendable {
    /// The key handler returned `.quit`.
    case handler
    /// SIGINT, SIGTERM or SIGHUP (the signal number), or ``TerminalGuard/requestQuit()`` (nil).
    case signal(Int32?)
}

/// Runs the UI on the calling (main) thread until the handler quits or a signal asks to.
///
/// Redraws every `tickMs` milliseconds (so live data shows up ~4 times a second by default) and at
/// once after each key. Each frame starts from a blank canvas the size of the terminal, so after a
/// resize the canvas is rebuilt at the new size; `.resize` is also passed to `handle`. A frame
/// identical to the one on screen is not sent again; Ctrl-L repaints the whole screen (and is
/// passed on too). Between frames the thread sleeps in `wget_wch` with a timeout, so an idle UI
/// costs almost no CPU.
@discardableResult
func runLoop(terminal: Terminal, tickMs: Int = 250,
                    render: (inout Canvas) -> Void, handle: (Key) -> LoopAction) -> LoopExit {
    runLoop(on: terminal, tickMs: tickMs, render: render, handle: handle)
}

/// What the loop needs from a terminal; `Terminal` in the program, a scripted fake in tests.
protocol LoopTerminal: AnyObject {
    var size: (rows: Int, cols: Int) { get }
    func readKey(timeoutMs: Int) -> Key?
    func draw(_ canvas: Canvas)
    func repaintAll()
}

extension Terminal: LoopTerminal {}

@discardableResult
func runLoop<T: LoopTerminal>(on terminal: T, tickMs: Int,
                              render: (inout Canvas) -> Void, handle: (Key) -> LoopAction) -> LoopExit {
    let tick = Duration.milliseconds(max(10, tickMs))
    let clock = ContinuousClock()
    var canvas = Canvas(rows: 0, cols: 0)
    var shown = Canvas(rows: 0, cols: 0)
    var firstFrame = true

    func drawFrame() {
        let size = terminal.size
        if size.rows != canvas.rows || size.cols != canvas.cols {
            canvas = Canvas(rows: size.rows, cols: size.cols)
        } else {
            canvas.clear()
        }
        render(&canvas)
        if firstFrame || canvas != shown {
            terminal.draw(canvas)
            swap(&canvas, &shown)                              // keep what is on screen; reuse the other
            firstFrame = false
        }
    }

    drawFrame()
    var nextTick = clock.now + tick
    while true {
        if TerminalGuard.quitRequested { return .signal(TerminalGuard.quitSignal) }
        let waitMs = ((nextTick - clock.now) / .milliseconds(1)).rounded(.up)   // up: never spin before a tick
        let key = terminal.readKey(timeoutMs: max(0, Int(waitMs)))
        if TerminalGuard.quitRequested { return .signal(TerminalGuard.quitSignal) }
        if let key {
            if key == .ctrl("l") {
                terminal.repaintAll()
                firstFrame = true
            }
            if handle(key) == .quit { return .handler }
            drawFrame()
        }
        let now = clock.now
        if now >= nextTick {
            if key == nil { drawFrame() }
            nextTick = now + tick
        }
    }
}
