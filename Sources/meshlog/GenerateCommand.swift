import ArgumentParser
import TrafficGenerator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputFormat: ExpressibleByArgument {}
extension GeneratedPrefix: ExpressibleByArgument {}
extension Scenario: ExpressibleByArgument {}

/// `meshlog generate`: deterministic synthetic istio-proxy logs for tests, benchmarks and demos.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write realistic synthetic istio-proxy logs (deterministic for a given seed).",
        discussion: """
        Background traffic is a small mesh (namespace shop): frontend → orders (gRPC), payments (gRPC), \
        catalog (HTTP/1.1), reviews (subsets v1/v2), redis/postgres (TCP) and api.stripe.com, seen from \
        client and server sidecars, with ~2 % non-access proxy lines. A scenario mixes in the signature \
        of one diagnosis (see --scenario).

        grpc-errors and non-idempotent-retries switch the default format to customGrpc (they need \
        %GRPC_STATUS% / %UPSTREAM_REQUEST_ATTEMPT_COUNT%); connection-pinning switches --prefix none \
        to kubectlPrefix (it is visible per client pod). Parse customGrpc output with \
        --format '\(OutputFormat.customGrpc.customFormatString ?? "")'.
        """)

    @Option(help: "Number of lines to write.")
    var lines: Int = 10_000

    @Option(help: "Random seed; the same options always give the same bytes.")
    var seed: UInt64 = 1

    @Option(help: "Log format (Istio version, Envoy default, JSON, or customGrpc).")
    var format: OutputFormat = .istio19

    @Flag(help: "Istio JSON encoding with typed values (shorthand for --format jsonTyped).")
    var json = false

    @Option(help: "Line prefix added by a log tool (kubectl --prefix/--timestamps, stern, CRI files).")
    var prefix: GeneratedPrefix = .none

    @Option(help: "Traffic scenario: healthy, or the id of the finding whose signature to mix in.")
    var scenario: Scenario = .healthy

    @Option(help: "Requests per second (spacing of START_TIME).")
    var rate: Int = 250

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("--lines must be 0 or more") }
        guard rate > 0 else { throw ValidationError("--rate must be at least 1") }
    }

    func run() throws {
        let options = GeneratorOptions(lines: lines, seed: seed, output: json ? .jsonTyped : format,
                                       prefix: prefix, scenario: scenario, requestsPerSecond: rate)
        var generator = TrafficGenerator(options: options)
        signal(SIGPIPE, SIG_IGN)
        var fd: Int32 = STDOUT_FILENO
        if let path = output {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                throw CommandFailure.usage("generate: cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }
        defer { if fd != STDOUT_FILENO { close(fd) } }
        do {
            try generator.write(to: fd)
        } catch GeneratorError.writeFailed(let code) {
            // EPIPE: the reader went away (`meshlog generate | head`), which ends quietly.
            throw code == EPIPE ? OutputError.readerClosed : OutputError.failed(code)
        }
    }
}
