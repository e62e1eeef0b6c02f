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

        Scale mode (any of --clusters, --hosts-per-cluster, --client-pods, --pinned-fraction, \
        --unique-keys) replaces the shop mesh with a large one, for benchmarks and tests at mesh scale: \
        client-side lines only (no proxy lines, no scenario) of --client-pods pods (default 10, named \
        frontend-6f7d9c8b54-bcdfg… in a --prefix; deployments of about 10 replicas, each cluster called \
        by one deployment) calling --clusters services (default 1) \
        outbound|50051||svc-N.ns.svc.cluster.local (even N gRPC, odd N HTTP/1.1 on port 8080) with \
        --hosts-per-cluster pod IPs each (default 10). Clusters are chosen uniformly and requests are \
        balanced per request over a cluster's hosts; --pinned-fraction F pins that share of the client \
        pods to one host per cluster. --unique-keys writes adversarial lines instead: every line a new \
        client pod, upstream host, cluster, path, authority and user agent.
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

    @Option(help: "Scale mode: upstream clusters (services svc-N.ns).")
    var clusters: Int?

    @Option(help: "Scale mode: upstream hosts (pod IPs) per cluster.")
    var hostsPerCluster: Int?

    @Option(help: "Scale mode: client pods, named in the --prefix.")
    var clientPods: Int?

    @Option(help: "Scale mode: share of the client pods (0-1) sending all of a cluster's traffic to one host.")
    var pinnedFraction: Double?

    @Flag(help: "Scale mode, adversarial: every line a new client pod, host, cluster, path, authority and user agent.")
    var uniqueKeys = false

    /// The most clusters, hosts per cluster or client pods the scale mode accepts.
    static let maxScaleCount = 1_000_000

    /// The scale options, when any was given.
    var scale: ScaleOptions? {
        guard uniqueKeys || clusters != nil || hostsPerCluster != nil || clientPods != nil || pinnedFraction != nil
        else { return nil }
        return ScaleOptions(clusters: clusters ?? 1, hostsPerCluster: hostsPerCluster ?? 10, clientPods: clientPods ?? 10,
                            pinnedFraction: pinnedFraction ?? 0, uniqueKeys: uniqueKeys)
    }

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("--lines must be 0 or more") }
        guard rate > 0 else { throw ValidationError("--rate must be at least 1") }
        guard scale != nil else { return }
        guard scenario == .healthy else {
            throw ValidationError("--scenario cannot be combined with --clusters, --hosts-per-cluster, --client-pods, "
                                  + "--pinned-fraction or --unique-keys")
        }
        for (name, value) in [("--clusters", clusters), ("--hosts-per-cluster", hostsPerCluster), ("--client-pods", clientPods)] {
            if let value, !(1...Self.maxScaleCount).contains(value) {
                throw ValidationError("\(name) must be between 1 and \(Self.maxScaleCount)")
            }
        }
        if let pinnedFraction, !(0...1).contains(pinnedFraction) {
            throw ValidationError("--pinned-fraction must be between 0 and 1")
        }
        if uniqueKeys && (clusters != nil || hostsPerCluster != nil || clientPods != nil || pinnedFraction != nil) {
            throw ValidationError("--unique-keys makes every key new; it takes no --clusters, --hosts-per-cluster, "
                                  + "--client-pods or --pinned-fraction")
        }
    }

    func run() throws {
        let options = GeneratorOptions(lines: lines, seed: seed, output: json ? .jsonTyped : format,
                                       prefix: prefix, scenario: scenario, requestsPerSecond: rate, scale: scale)
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
