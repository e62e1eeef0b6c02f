@preconcurrency import CNcurses
@preconcurrency import Glibc
import Presentation

/// The ncurses screen on `/dev/tty`. Stdin stays free for the log pipe, stdout for reports.
///
/// Deliberately not `Sendable`: the compiler then keeps it on the thread that opened it, which
/// must be the main thread, as ncurses is not thread-safe. One `Terminal` may be open at a time.
public final class Terminal {
    private let screen: OpaquePointer
    private let tty: UnsafeMutablePointer<FILE>
    let window: UnsafeMutablePointer<WINDOW>
    private let palette: Palette
    private var closed = false
    private var glyphs: [Glyph] = []
    private var rowBuffer: [cchar_t] = []

    /// True when the locale's character set is UTF-8; otherwise non-ASCII is drawn as ASCII.
    let isUTF8: Bool
    /// True when colour pairs are in use (false: styles map to bold/reverse/underline/dim).
    var usesColor: Bool { palette.usesColor }

    /// Opens the terminal: `setlocale`, `newterm` on `/dev/tty`, cbreak, no echo, keypad, hidden
    /// cursor, 25 ms Esc delay, colours. Installs ``TerminalGuard`` first.
    /// - Parameter monochrome: never use colours (also the case when `NO_COLOR` is set).
    public init(monochrome: Bool = false) throws(TerminalError) {
        guard !cursesActive.load(ordering: .acquiring) else { throw .alreadyOpen }
        TerminalGuard.activate()
        setlocale(LC_ALL, "")
        guard let tty = fopen("/dev/tty", "r+") else {
            let code = errno
            TerminalGuard.deactivate()
            throw .noTerminal(errno: code)
        }
        guard let screen = newterm(nil, tty, tty) else {      // NULL (no exit) when TERM is unset or unknown
            fclose(tty)
            TerminalGuard.deactivate()
            throw .unusableTerminal(term: getenv("TERM").map { String(cString: $0) })
        }
        set_term(screen)
        cursesActive.store(true, ordering: .releasing)
        self.screen = screen
        self.tty = tty
        window = cnc_stdscr()
        isUTF8 = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)
        palette = Palette.start(monochrome: monochrome)
    }

    /// ``init(monochrome:)`` as a `Result`.
    public static func open(monochrome: Bool = false) -> Result<Terminal, TerminalError> {
        Result { () throws(TerminalError) -> Terminal in try Terminal(monochrome: monochrome) }
    }

    deinit { close() }

    /// The screen size now (ncurses updates it when it reports ``Key/resize``).
    public var size: (rows: Int, cols: Int) {
        (Int(getmaxy(window)), Int(getmaxx(window)))
    }

    /// Restores the terminal (`endwin`, `delscreen`, closes `/dev/tty`) and gives Ctrl-C back to
    /// its previous handler. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        TerminalGuard.restoreIfActive()
        delscreen(screen)
        fclose(tty)
        TerminalGuard.deactivate()
    }

    /// Waits up to `timeoutMs` for a key; nil when none came (or a signal interrupted the wait).
    func readKey(timeoutMs: Int) -> Key? {
        guard !closed else { return nil }
        wtimeout(window, Int32(clamping: max(0, timeoutMs)))
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case KEY_CODE_YES: return KeyDecoder.decode(Int32(bitPattern: code), isKeyCode: true)
        case OK: return KeyDecoder.decode(Int32(bitPattern: code), isKeyCode: false)
        default: return nil
        }
    }

    /// Makes the next ``draw(_:)`` repaint every cell, whatever ncurses believes is on screen
    /// (for Ctrl-L, after something else wrote to the terminal).
    func repaintAll() {
        guard !closed else { return }
        clearok(window, true)
    }

    /// Copies `canvas` to the screen: one `mvwadd_wchnstr` per row, then a single `doupdate`
    /// (ncurses sends only what changed). Cells beyond the screen are clipped.
    public func draw(_ canvas: Canvas) {
        guard !closed else { return }
        let (rows, cols) = size
        werase(window)
        if rowBuffer.count < cols + 1 { rowBuffer = Array(repeating: cchar_t(), count: cols + 1) }
        var wide: [wchar_t] = [0, 0]
        let libcWidth: (Unicode.Scalar) -> Int = { scalar in
            LibC.wcwidth.map { Int($0(wchar_t(bitPattern: scalar.value))) } ?? CharacterWidth.columns(scalar)
        }
        for row in 0..<min(rows, canvas.rows) {
            RowEncoder.encode(row: row, of: canvas, columns: cols, utf8: isUTF8,
                              libcWidth: libcWidth, into: &glyphs)
            for (i, glyph) in glyphs.enumerated() {
                let look = palette.render(glyph.style)
                wide[0] = wchar_t(bitPattern: glyph.scalar.value)
                setcchar(&rowBuffer[i], wide, look.attributes, look.pair, nil)
            }
            mvwadd_wchnstr(window, Int32(row), 0, rowBuffer, Int32(glyphs.count))
        }
        wnoutrefresh(window)
        doupdate()
    }
}
