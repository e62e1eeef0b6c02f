/// Why the terminal UI could not start. Each case says what to do instead.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `/dev/tty` could not be opened (no controlling terminal, e.g. under `setsid`, cron or CI).
    case noTerminal(errno: Int32)
    /// ncurses does not know the terminal: `TERM` is unset or has no terminfo entry.
    case unusableTerminal(term: String?)
    /// A `Terminal` is already open in this process; close it first.
    case alreadyOpen

    public var description: String {
        switch self {
        case .noTerminal(let code):
            return "cannot open /dev/tty (errno \(code)): no controlling terminal; use `meshlog report`"
        case .unusableTerminal(let term?):
            return "terminal type '\(term)' is unknown to ncurses; set TERM (e.g. xterm-256color) or use `meshlog report`"
        case .unusableTerminal(nil):
            return "TERM is not set; set it (e.g. xterm-256color) or use `meshlog report`"
        case .alreadyOpen:
            return "the terminal UI is already open"
        }
    }
}
