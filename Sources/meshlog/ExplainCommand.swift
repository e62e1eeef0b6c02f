import Analysis
import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `meshlog explain <FLAG|finding-id>` and `meshlog explain --list`.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a response flag (UO, UpstreamOverflow, …) or a finding id (connection-pinning, …).",
        discussion: """
            Prints the meaning, the usual causes, the fix (Istio YAML with <placeholders>) and the commands \
            that confirm it. Flags are accepted by short or long name in any case.
            """)

    @Argument(help: ArgumentHelp("A response flag (short or long name) or a finding id.", valueName: "FLAG|finding-id"))
    var name: String?

    @Flag(name: .long, help: "List every response flag and finding id.")
    var list = false

    func run() throws {
        if list {
            try StandardOutput.shared.write(Explain.list() + "\n")
            return
        }
        guard let name, !name.isEmpty else {
            throw ValidationError("Give a flag or finding id, e.g. `meshlog explain UO`, or use --list.")
        }
        if let text = Explain.text(for: name) {
            try StandardOutput.shared.write(text + "\n")
            return
        }
        var message = "unknown flag or finding id '\(Self.printable(name))'."
        let close = Explain.suggestions(for: name)
        if !close.isEmpty { message += " Did you mean: " + close.joined(separator: ", ") + "?" }
        message += "\nRun `meshlog explain --list` for every name."
        throw CommandFailure.usage(message)
    }

    /// The user's text with control characters replaced, so it is safe to echo to a terminal.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(80))
    }
}
