import Glibc
import AccessLog

/// Environment variables and terminal size, read once where needed.
enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }

    /// CPUs this process may run on: its affinity mask (`taskset -c 0` gives 1, read from
    /// `Cpus_allowed` in /proc/self/status), else the online CPUs.
    static var usableCPUs: Int {
        let online = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard let file = fopen("/proc/self/status", "r") else { return online }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("Cpus_allowed:") else { continue }
            // A hexadecimal mask in comma-separated groups: "3" or "ffffffff,ffffffff".
            let count = text.dropFirst("Cpus_allowed:".count).reduce(0) { sum, c in
                sum + (c.hexDigitValue.map { $0.nonzeroBitCount } ?? 0)
            }
            return count > 0 ? min(count, online) : online
        }
        return online
    }

    /// Columns of the terminal on stdout, when stdout is a terminal.
    static var terminalColumns: Int? {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
