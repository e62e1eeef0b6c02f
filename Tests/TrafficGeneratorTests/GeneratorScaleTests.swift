import AccessLog
import Foundation
import Testing
import TrafficGenerator

/// The generator's mesh-scale options (`--clusters`, `--hosts-per-cluster`, `--client-pods`,
/// `--pinned-fraction`, `--unique-keys`), checked on the output read back with meshlog's own prefix
/// stripper and parser.
@Suite struct GeneratorScaleTests {
    /// One parsed access line: the keys the scale options control.
    struct Keys: Hashable {
        var pod: String
        var cluster: String
        var host: String
        var path: String
        var authority: String
        var userAgent: String
    }

    /// The generated lines, parsed; `lines` counts every line, `keys` only those parsed as access.
    struct ParsedLog {
        var lines = 0
        var keys: [Keys] = []

        init(_ options: GeneratorOptions) throws {
            var generator = TrafficGenerator(options: options)
            var bytes: [UInt8] = []
            while generator.appendNextLine(to: &bytes) {}
            var parser = try generator.format.customFormatString.map { try LineParser(customFormat: $0) } ?? LineParser()
            var stripper = PrefixStripper()
            var record = AccessRecord()
            bytes.withUnsafeBytes { all in
                var start = 0
                for index in all.indices where all[index] == UInt8(ascii: "\n") {
                    lines += 1
                    let stripped = stripper.strip(UnsafeRawBufferPointer(rebasing: all[start..<index]))
                    start = index + 1
                    guard parser.parse(stripped.content, into: &record) == .access else { continue }
                    let text = { (field: AccessField) in record.text(field, in: stripped.content) ?? "-" }
                    keys.append(Keys(pod: String(decoding: stripped.pod, as: UTF8.self), cluster: text(.upstreamCluster),
                                     host: text(.upstreamHost), path: text(.path), authority: text(.authority),
                                     userAgent: text(.userAgent)))
                }
            }
        }

        func distinct<T: Hashable>(_ key: (Keys) -> T) -> Int { Set(keys.map(key)).count }

        /// Requests per host of each cluster.
        var hostCounts: [String: [String: Int]] {
            keys.reduce(into: [:]) { $0[$1.cluster, default: [:]][$1.host, default: 0] += 1 }
        }

        /// Per (pod, cluster): the hosts used.
        var hostsPerPodAndCluster: [String: Set<String>] {
            keys.reduce(into: [:]) { $0[$1.pod + " " + $1.cluster, default: []].insert($1.host) }
        }
    }

    static func options(lines: Int, _ scale: ScaleOptions, output: OutputFormat = .istio19,
                        prefix: GeneratedPrefix = .kubectlPrefix) -> GeneratorOptions {
        GeneratorOptions(lines: lines, seed: 11, output: output, prefix: prefix, scale: scale)
    }

    @Test(arguments: [(20, 5, 30), (2, 12, 30), (7, 3, 95), (1, 100, 4)])
    func distinctCountsEqualTheOptions(clusters: Int, hosts: Int, pods: Int) throws {
        let scale = ScaleOptions(clusters: clusters, hostsPerCluster: hosts, clientPods: pods)
        let log = try ParsedLog(Self.options(lines: 30_000, scale))
        #expect(log.keys.count == 30_000, "every line is an access line")
        #expect(log.distinct(\.cluster) == clusters)
        #expect(log.distinct { [$0.cluster, $0.host] } == clusters * hosts)
        #expect(log.distinct(\.host) == clusters * hosts, "pod IPs are unique across the mesh")
        #expect(log.distinct(\.pod) == pods)
        #expect(log.keys.allSatisfy { $0.cluster.hasPrefix("outbound|") && $0.cluster.hasSuffix(".ns.svc.cluster.local") })
        #expect(log.keys.allSatisfy { $0.host.hasPrefix("10.") })
        #expect(log.keys.allSatisfy { $0.pod.range(of: #"^[a-z-]+(-[0-9]+)?-[b-z2-9]{10}-[b-z2-9]{5}$"#, options: .regularExpression) != nil })
    }

    @Test func namesLookLikeIstios() throws {
        let log = try ParsedLog(Self.options(lines: 2000, ScaleOptions(clusters: 124, hostsPerCluster: 2, clientPods: 3)))
        // Even-numbered services are gRPC on 50051, odd ones HTTP/1.1 on 8080.
        let grpc = try #require(log.keys.first { $0.cluster == "outbound|50051||svc-122.ns.svc.cluster.local" })
        #expect(grpc.authority == "svc-122.ns:50051")
        #expect(grpc.path == "/ns.svc122.v1.Api/Get" || grpc.path == "/ns.svc122.v1.Api/List")
        #expect(grpc.host.hasSuffix(":50051"))
        let http = try #require(log.keys.first { $0.cluster == "outbound|8080||svc-123.ns.svc.cluster.local" })
        #expect(http.authority == "svc-123.ns:8080")
        #expect(http.host.hasSuffix(":8080"))
    }

    @Test func balancedRequestsSpreadEvenlyOverTheHosts() throws {
        let log = try ParsedLog(Self.options(lines: 40_000, ScaleOptions(clusters: 1, hostsPerCluster: 20, clientPods: 10)))
        let counts = try #require(log.hostCounts.values.first)
        #expect(counts.count == 20)
        // 2,000 expected per host, σ ≈ 44: ±12 % is more than 5 σ.
        for (host, count) in counts { #expect((1760...2240).contains(count), "\(host): \(count)") }
        // Every pod spreads too: none sends more than a fifth of its requests to one host.
        let perPod = log.keys.reduce(into: [String: [String: Int]]()) { $0[$1.pod, default: [:]][$1.host, default: 0] += 1 }
        for (pod, hosts) in perPod {
            let total = hosts.values.reduce(0, +)
            #expect(Double(hosts.values.max() ?? 0) / Double(total) < 0.2, "\(pod)")
        }
    }

    @Test func pinnedPodsSendAllOfAClustersTrafficToOneHost() throws {
        let scale = ScaleOptions(clusters: 8, hostsPerCluster: 8, clientPods: 40, pinnedFraction: 0.25)
        #expect(scale.pinnedPods == 10)
        let log = try ParsedLog(Self.options(lines: 30_000, scale))
        let pairs = log.hostsPerPodAndCluster
        let podsOnOneHost = Set(pairs.filter { $0.value.count == 1 }.keys.map { String($0.prefix { $0 != " " }) })
        let podsOnSeveral = Set(pairs.filter { $0.value.count > 1 }.keys.map { String($0.prefix { $0 != " " }) })
        #expect(podsOnOneHost.count == 10)
        #expect(podsOnOneHost.isDisjoint(with: podsOnSeveral), "a pinned pod is pinned for every cluster it calls")
        #expect(pairs.filter { $0.value.count > 1 }.allSatisfy { $0.value.count == 8 }, "the others use every host")
        // The same (pod, cluster) keeps its host whatever the length of the log.
        let shorter = try ParsedLog(Self.options(lines: 5000, scale)).hostsPerPodAndCluster
        for (pair, hosts) in shorter where hosts.count == 1 { #expect(pairs[pair] == hosts) }
    }

    @Test(arguments: [(OutputFormat.istio19, GeneratedPrefix.kubectlPrefix), (.jsonTyped, .stern), (.istio123, .kubectlBoth)])
    func uniqueKeysMakeEveryKeyNew(output: OutputFormat, prefix: GeneratedPrefix) throws {
        let log = try ParsedLog(Self.options(lines: 5000, ScaleOptions(uniqueKeys: true), output: output, prefix: prefix))
        #expect(log.keys.count == 5000)
        #expect(log.distinct(\.pod) == 5000)
        #expect(log.distinct(\.host) == 5000)
        #expect(log.distinct(\.cluster) == 5000)
        #expect(log.distinct(\.path) == 5000)
        #expect(log.distinct(\.authority) == 5000)
        #expect(log.distinct(\.userAgent) == 5000)
        // No path segment is all digits, so meshlog's `{id}` normalisation keeps them apart.
        #expect(log.keys.allSatisfy { !$0.path.split(separator: "/").contains { $0.allSatisfy(\.isNumber) } })
    }

    @Test(arguments: OutputFormat.allCases)
    func everyFormatParsesAsAccessLines(output: OutputFormat) throws {
        for scale in [ScaleOptions(clusters: 9, hostsPerCluster: 4, clientPods: 25, pinnedFraction: 0.5),
                      ScaleOptions(uniqueKeys: true)] {
            for prefix in GeneratedPrefix.allCases {
                let log = try ParsedLog(Self.options(lines: 400, scale, output: output, prefix: prefix))
                #expect(log.lines == 400)
                #expect(log.keys.count == 400, "\(output) \(prefix) unique: \(scale.uniqueKeys)")
            }
        }
    }

    @Test func scaleOutputIsDeterministicAndSeedDependent() {
        func bytes(_ seed: UInt64) -> [UInt8] {
            var generator = TrafficGenerator(options: GeneratorOptions(
                lines: 2000, seed: seed, prefix: .stern,
                scale: ScaleOptions(clusters: 50, hostsPerCluster: 4, clientPods: 60, pinnedFraction: 0.3)))
            var out: [UInt8] = []
            while generator.appendNextLine(to: &out) {}
            return out
        }
        #expect(bytes(3) == bytes(3))
        #expect(bytes(3) != bytes(4))
    }

    @Test func deploymentsGroupTheClientPods() {
        #expect(ScaleOptions(clusters: 500, hostsPerCluster: 20, clientPods: 300).deployments == 30)
        #expect(ScaleOptions(clusters: 1, hostsPerCluster: 100, clientPods: 300).deployments == 1)
        #expect(ScaleOptions(clusters: 4, clientPods: 95).deployments == 4)
        #expect(ScaleOptions(clusters: 40, clientPods: 95).deployments == 10)
    }
}
