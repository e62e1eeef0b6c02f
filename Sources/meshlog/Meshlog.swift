import ArgumentParser
import AccessLog

/// `meshlog`: Envoy / istio-proxy access logs in, diagnosis out.
@main
struct Meshlog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meshlog",
        abstract: "Diagnose Envoy / istio-proxy access logs: response flags, load balancing, latency, findings.",
        discussion: """
            Pipe a live log in:   kubectl logs -f deploy/frontend -c istio-proxy | meshlog
            One-shot report:      meshlog report access.log.gz --output json
            With no subcommand, meshlog opens the live view when a terminal is available and
            prints the report otherwise.
            """,
        version: "0.1.0",
        subcommands: [AutoCommand.self, TuiCommand.self, ReportCommand.self, ParseCommand.self, ExplainCommand.self, GenerateCommand.self],
        defaultSubcommand: AutoCommand.self
    )

    static func main() {
        StandardOutput.ignoreBrokenPipe()
        InputFaultPolicy.install()
        do {
            var command = try parseAsRoot()
            try command.run()
            try StandardOutput.shared.flush()
        } catch {
            // What was printed before the error still goes out (unless stdout itself failed).
            if !(error is OutputError) { try? StandardOutput.shared.flush() }
            exit(withError: CommandErrors.map(error))
        }
    }
}
