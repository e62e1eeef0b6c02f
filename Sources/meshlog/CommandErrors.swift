import Glibc
import ArgumentParser
import AccessLog

/// The one place that turns every error into a message on standard error and an exit code, and
/// the one writer of standard error.
///
/// Exit codes: 0 success (also when the reader of stdout went away), 1 a finding at or above
/// `--fail-on`, 2 bad input or usage (unreadable file, bad `--format`, no terminal for `tui`,
/// stdout not writable), 128+n the live view ended by signal n, 64+ reserved by ArgumentParser
/// for usage errors.
enum CommandErrors {
    /// The error ArgumentParser should exit with, after printing the message that belongs to it.
    static func map(_ error: Error) -> Error {
        switch error {
        case let error as InputError:
            printError(error.description)
            return ExitCode(2)
        case let error as FormatError:
            printError("bad --format: \(error.description)")
            return ExitCode(2)
        case let failure as CommandFailure:
            if let message = failure.message { printError(message) }
            return ExitCode(failure.exitCode)
        case OutputError.readerClosed:
            return ExitCode.success
        case OutputError.failed(let code):
            printError("cannot write output: \(String(cString: strerror(code)))")
            return ExitCode(2)
        default:
            return error   // ArgumentParser's own (usage, help, version) and ExitCode
        }
    }

    /// A warning about input that could still be read (the report is printed all the same).
    static func warn(_ warning: InputWarning) {
        printError("warning: " + warning.description)
    }

    /// `meshlog: MESSAGE` and a newline on standard error.
    static func printError(_ message: String) {
        writeStandardError("meshlog: " + message + "\n")
    }

    /// Writes `text` to standard error as it is, retrying short writes and EINTR.
    static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}

/// An outcome of a command that is not success: an optional message (printed as `meshlog: …`) and
/// the exit status. Thrown by commands, turned into output only by `CommandErrors.map`.
struct CommandFailure: Error {
    var message: String?
    var exitCode: Int32

    /// Bad input or usage the parser could not see (exit 2).
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }
    /// A finding at or above `--fail-on` (exit 1, no message: the report says it).
    static let findingAtOrAboveThreshold = CommandFailure(message: nil, exitCode: 1)
    /// The live view was ended by signal `number` (exit 128 + number).
    static func signal(_ number: Int32) -> CommandFailure { CommandFailure(message: nil, exitCode: 128 + number) }
}
