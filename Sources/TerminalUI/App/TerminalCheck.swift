@preconcurrency import Glibc

/// Cheap checks, without touching the screen, of whether the live view can start here.
public enum TerminalCheck {
    /// Why the live view cannot start, or nil when `/dev/tty` opens and `TERM` names a terminal
    /// that can address the cursor (anything but unset, empty or `dumb`). Whether terminfo knows
    /// `TERM` is only found out by `Terminal.init`.
    public static func problem() -> TerminalError? {
        let term = getenv("TERM").map { String(cString: $0) }
        guard let term, !term.isEmpty else { return .unusableTerminal(term: nil) }
        if term == "dumb" { return .unusableTerminal(term: term) }
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return .noTerminal(errno: errno) }
        close(fd)
        return nil
    }

    /// True when standard output is a terminal (the default command only opens the live view then;
    /// `meshlog file > out.txt` prints the report).
    public static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
}
