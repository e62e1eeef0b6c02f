import AccessLog
@testable import Analysis
import Foundation
import Testing
import TrafficGenerator

/// The split by cluster of `meshlog report` (`SplitStrategy.byCluster`: every reader reads the whole
/// file and counts the lines of its own clusters) gives the snapshot of one reader, and the probe
/// chooses it only for a large mesh whose lines repeat.
@Suite struct ClusterSplitTests {
    static func write(_ options: GeneratorOptions, name: String) -> String {
        var generator = TrafficGenerator(options: options)
        var bytes: [UInt8] = []
        while generator.appendNextLine(to: &bytes) {}
        let path = NSTemporaryDirectory() + "meshlog-cluster-split-\(getpid())-\(name).log"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    static func snapshot(_ path: String, jobs: Int, strategy: SplitStrategy? = .byCluster) throws -> Snapshot {
        var ingest = ReportIngest(inputs: [path], customFormat: nil, jobs: jobs)
        ingest.splitThreshold = 1
        ingest.minimumPartSize = 1
        ingest.splitStrategy = strategy
        return try ingest.run().snapshot()
    }

    /// Scenarios whose counting depends on line order somewhere: flag samples (every failure flag),
    /// DR/DC pairs across the client's and the server's sidecar, pinning per client pod.
    @Test(arguments: [Scenario.clientCancelled, .upstreamReset, .connectionPinning, .grpcErrors,
                      .failingUpstreamHost, .retriesExhausted, .noRoute])
    func aScenarioSplitByClusterIsCountedAsByOneReader(scenario: Scenario) throws {
        let path = Self.write(GeneratorOptions(lines: 6_000, seed: 11, prefix: .kubectlBoth, scenario: scenario),
                              name: scenario.rawValue)
        defer { unlink(path) }
        let one = try Self.snapshot(path, jobs: 1)
        #expect(one.lines.access > 5_000)
        for jobs in [2, 3] {
            let split = try Self.snapshot(path, jobs: jobs)
            #expect(split.lines == one.lines, "\(scenario) jobs \(jobs)")
            #expect(split == one, "\(scenario) jobs \(jobs)")
        }
    }

    /// A mesh of 300 clusters × 8 hosts and 60 client pods with pinned pods: every cluster, host
    /// and pod link is exact either way.
    @Test func aMeshSplitByClusterIsCountedAsByOneReader() throws {
        let scale = ScaleOptions(clusters: 300, hostsPerCluster: 8, clientPods: 60, pinnedFraction: 0.2)
        let path = Self.write(GeneratorOptions(lines: 40_000, seed: 3, prefix: .kubectlPrefix, scale: scale), name: "mesh")
        defer { unlink(path) }
        let one = try Self.snapshot(path, jobs: 1)
        #expect(one.clusters.count == 300)
        let split = try Self.snapshot(path, jobs: 2)
        #expect(split == one)
        // Reader 0's cache was capped to its share while it read; the total's is whole again for
        // an input read by one reader after it.
        var ingest = ReportIngest(inputs: [path], customFormat: nil, jobs: 2)
        ingest.splitThreshold = 1
        ingest.splitStrategy = .byCluster
        #expect(try ingest.run().keyCache.maxEntries == AggregatorLimits.report.keyCacheEntries)
    }

    /// The hostile chains of `SplitInvarianceTests` (fragments, dumps, multi-line JSON records):
    /// every reader reads them all, so no part starts inside a record.
    @Test func hostileChainsSplitByClusterAreCountedAsByOneReader() throws {
        let path = NSTemporaryDirectory() + "meshlog-cluster-split-\(getpid())-chaos.log"
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(SplitInvarianceTests.chaoticLog(seed: 4, lines: 3_000))))
        let one = try Self.snapshot(path, jobs: 1)
        for jobs in [2, 4] {
            #expect(try Self.snapshot(path, jobs: jobs) == one, "jobs \(jobs)")
        }
    }

    /// Several inputs are counted into one running total: three pieces of a log (with malformed
    /// lines, whose samples carry line numbers across all inputs, and no record over several lines
    /// that a cut would change) give the snapshot of the whole log, read by one reader, by byte
    /// ranges or by cluster.
    @Test func severalInputsAreCountedAsTheirConcatenation() throws {
        var generator = TrafficGenerator(options: GeneratorOptions(lines: 4_500, seed: 8, prefix: .kubectlBoth,
                                                                   scenario: .clientCancelled))
        var bytes: [UInt8] = []
        var line: [UInt8] = []
        var n = 0
        while generator.appendNextLine(to: &line) {
            bytes += line
            line.removeAll(keepingCapacity: true)
            n += 1
            if n % 97 == 0 { bytes += [0xFF, 0x00, 0x41, 0x0A] }
        }
        let whole = NSTemporaryDirectory() + "meshlog-cluster-split-\(getpid())-whole.log"
        #expect(FileManager.default.createFile(atPath: whole, contents: Data(bytes)))
        let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
        let cuts = [0, newlines[newlines.count / 3] + 1, newlines[2 * newlines.count / 3] + 1, bytes.count]
        let pieces = (0..<3).map { k in NSTemporaryDirectory() + "meshlog-cluster-split-\(getpid())-piece\(k).log" }
        for (k, piece) in pieces.enumerated() {
            #expect(FileManager.default.createFile(atPath: piece, contents: Data(bytes[cuts[k]..<cuts[k + 1]])))
        }
        defer { ([whole] + pieces).forEach { unlink($0) } }
        let one = try Self.snapshot(whole, jobs: 1)
        #expect(one.lines.malformedSamples.count > 1)
        for (jobs, strategy) in [(1, nil), (2, SplitStrategy.byteRanges), (2, .byCluster), (3, .byCluster)] as [(Int, SplitStrategy?)] {
            var ingest = ReportIngest(inputs: pieces, customFormat: nil, jobs: jobs)
            ingest.splitThreshold = 1
            ingest.minimumPartSize = 1
            ingest.splitStrategy = strategy
            let together = try ingest.run().snapshot()
            #expect(together.lines == one.lines, "jobs \(jobs) \(String(describing: strategy))")
            #expect(together == one, "jobs \(jobs) \(String(describing: strategy))")
        }
    }

    /// Each part counts only its own clusters' lines (apart from what part 0 takes in order), and
    /// its line-key cache may hold only its share of the entries.
    @Test func eachPartHoldsItsOwnClusters() throws {
        let scale = ScaleOptions(clusters: 200, hostsPerCluster: 4, clientPods: 20)
        var generator = TrafficGenerator(options: GeneratorOptions(lines: 20_000, seed: 9, prefix: .kubectlPrefix, scale: scale))
        var parts = (0..<2).map { ClusterPartitionSink(part: $0, of: 2, limits: .report) }
        var processors = parts.map { LineProcessor(parser: LineParser(), sink: $0) }
        var line: [UInt8] = []
        while generator.appendNextLine(to: &line) {
            let content = line.last == 0x0A ? line.dropLast() : line[...]
            for i in processors.indices { Array(content).withUnsafeBytes { processors[i].process($0, truncated: false) } }
            line.removeAll(keepingCapacity: true)
        }
        for i in processors.indices {
            processors[i].finish()
            processors[i].sink.releaseKeyCache()
        }
        parts = processors.map(\.sink)
        let clusters = parts.map { Set($0.aggregator.snapshot().clusters.map(\.name)) }
        #expect(clusters[0].count > 40 && clusters[1].count > 40)
        // Only clusters of part 0's sampled flag lines may appear in both.
        #expect(clusters[0].intersection(clusters[1]).count <= 30)
        #expect(clusters[0].union(clusters[1]).count == 200)
        #expect(parts[1].aggregator.keyCache.maxEntries == AggregatorLimits.report.keyCacheEntries / 2)
        let lines = parts.map { $0.aggregator.snapshot().lines }
        #expect(lines[0].access + lines[1].access == 20_000)
        #expect(lines[1].nonAccess == 0 && lines[1].malformed == 0)
    }

    /// DR/DC lines and each flag's first samples go to part 0; later flagged lines to their cluster's part.
    @Test func part0TakesCancelsAndEachFlagsFirstSamples() {
        var partition = ClusterPartition(parts: 2, samplesPerFlag: 2)
        var parser = LineParser()
        var record = AccessRecord()
        func owner(_ text: String) -> Int {
            Array(text.utf8).withUnsafeBytes { line in
                guard case .access = parser.parse(line, into: &record) else { Issue.record("not access: \(text)"); return -1 }
                return partition.owner(of: record, line: line)
            }
        }
        func line(_ flags: String, cluster: String) -> String {
            "[2025-11-20T10:00:00.000Z] \"GET /a HTTP/1.1\" 503 \(flags) via_upstream - \"-\" 0 0 1 1 \"-\" \"curl\" \"id-1\" "
                + "\"a\" \"10.0.0.1:80\" \(cluster) - 10.0.0.2:80 10.0.0.3:1 - default"
        }
        // A cluster that hashes to part 1.
        let cluster = (0..<50).map { "outbound|80||svc-\($0).ns.svc.cluster.local" }.first { name in
            Array(name.utf8).withUnsafeBytes { KeyTable.hash($0) % 2 == 1 }
        }!
        #expect(owner(line("-", cluster: cluster)) == 1)
        #expect(owner(line("UF", cluster: cluster)) == 0)
        #expect(owner(line("UF,URX", cluster: cluster)) == 0)
        #expect(owner(line("UF", cluster: cluster)) == 1, "UF has its two samples")
        #expect(owner(line("URX", cluster: cluster)) == 0, "URX has one sample so far")
        #expect(owner(line("URX", cluster: cluster)) == 1)
        #expect(owner(line("DR", cluster: cluster)) == 0)
        #expect(owner(line("DR", cluster: cluster)) == 0, "cancels always go to part 0")
        #expect(owner(line("-", cluster: "-")) == 0)
    }

    /// The probe chooses the split by cluster for a large mesh whose lines repeat, byte ranges for a
    /// small mesh, for lines that all bring new keys, and for one cluster (one reader would do it all).
    @Test func theProbeChoosesByClusterOnlyForALargeRepeatingMesh() throws {
        func strategy(_ scale: ScaleOptions?, lines: Int, name: String) throws -> SplitStrategy {
            let path = Self.write(GeneratorOptions(lines: lines, seed: 5, prefix: .kubectlPrefix, scale: scale), name: name)
            defer { unlink(path) }
            return try SplitStrategy.choose(path: path, parser: LineParser(), parts: 2, limits: .report)
        }
        #expect(try strategy(ScaleOptions(clusters: 500, hostsPerCluster: 20, clientPods: 300), lines: 14_000, name: "usual") == .byCluster)
        #expect(try strategy(ScaleOptions(clusters: 100, hostsPerCluster: 10, clientPods: 50), lines: 14_000, name: "hundred") == .byteRanges)
        #expect(try strategy(ScaleOptions(clusters: 1, hostsPerCluster: 3_000, clientPods: 50), lines: 14_000, name: "one") == .byteRanges)
        #expect(try strategy(ScaleOptions(clusters: 10, hostsPerCluster: 10, clientPods: 10, uniqueKeys: true), lines: 14_000,
                             name: "unique") == .byteRanges)
        #expect(try strategy(nil, lines: 14_000, name: "shop") == .byteRanges)
        #expect(try SplitStrategy.choose(path: "/dev/null", parser: LineParser(), parts: 1, limits: .report) == .byteRanges)
    }
}
