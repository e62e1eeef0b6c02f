import ArgumentParser
import AccessLog

/// The one place that turns errors into a message on stderr and an exit code.
///
/// Exit codes: 0 success, 1 a finding at or above `--fail-on`, 2 bad input or usage
/// (unreadable file, bad `--format`), 64+ reserved by ArgumentParser for usage errors.
enum CommandErrors {
    static func map(_ error: Error) -> Error {
        switch error {
        case let error as InputError:
            printError(error.description)
            return ExitCode(2)
        case let error as FormatError:
            printError("bad --format: \(error.description)")
            return ExitCode(2)
        default:
            return error
        }
    }

    static func printError(_ message: String) {
        var text = "meshlog: " + message + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
