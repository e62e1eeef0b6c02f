import AccessLog
import TestSupport
import Testing
@testable import Analysis

/// The aggregator against a naive reference (dictionaries of every key) on generated traffic at mesh
/// cardinalities: every count equal, every percentile within HdrHistogram's error, merges exact.
@Suite struct ScaleDifferentialTests {
    /// One cardinality level: clusters × hosts per cluster, client pods.
    struct Shape: Sendable, CustomStringConvertible {
        var clusters: Int
        var hostsPerCluster: Int
        var pods: Int
        var lines: Int
        var description: String { "\(clusters)c×\(hostsPerCluster)h/\(pods)p/\(lines)" }
    }

    static let shapes = [
        Shape(clusters: 3, hostsPerCluster: 3, pods: 4, lines: 3_000),
        Shape(clusters: 1, hostsPerCluster: 100, pods: 120, lines: 20_000),
        Shape(clusters: 100, hostsPerCluster: 4, pods: 30, lines: 20_000),
        Shape(clusters: 500, hostsPerCluster: 20, pods: 300, lines: 30_000),
        Shape(clusters: 2_000, hostsPerCluster: 30, pods: 1_000, lines: 30_000),
    ]

    /// Deterministic traffic of `shape`: host choice skewed per pod, some errors, flags and codes.
    static func traffic(_ shape: Shape, seed: UInt64 = 1) -> [(TestLine, String)] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 17
        }
        var out: [(TestLine, String)] = []
        out.reserveCapacity(shape.lines)
        for _ in 0..<shape.lines {
            let c = Int(next() % UInt64(shape.clusters))
            let pod = Int(next() % UInt64(shape.pods))
            // A third of the pods stick to one host per cluster, the rest spread.
            let h = pod % 3 == 0 ? (pod + c) % shape.hostsPerCluster : Int(next() % UInt64(shape.hostsPerCluster))
            var t = TestLine()
            t.cluster = "outbound|50051||svc-\(c).ns-\(c % 7).svc.cluster.local"
            t.host = "10.\(c / 250).\(c % 250).\(h):50051"
            let roll = next() % 100
            t.code = roll < 3 ? 503 : roll < 5 ? 404 : 200
            t.flags = roll < 2 ? "UF,URX" : roll < 3 ? "UO" : "-"
            t.duration = Int64(next() % (roll < 50 ? 300 : 40_000))
            t.bytesOut = Int64(next() % 5_000)
            t.bytesIn = Int64(next() % 700)
            t.startMs += Int64(out.count)
            if roll == 99 { t.host = "-" }
            out.append((t, "client-\(pod)"))
        }
        return out
    }

    /// What a script would count.
    struct Reference {
        var clusters: [String: (requests: Int, errors: Int, bytesOut: Int64, durations: [Int64], codes: [Int32: Int])] = [:]
        var hosts: [String: [String: (requests: Int, errors: Int, durations: [Int64], flags: [String: Int])]] = [:]
        var pods: [String: Int] = [:]
        var podClusters: [String: [String: Int]] = [:]
        var podHosts: [String: [String: [String: Int]]] = [:]

        init(_ lines: [(TestLine, String)]) {
            for (t, pod) in lines {
                let isError = t.code >= 500 || t.flags != "-"
                var c = clusters[t.cluster] ?? (0, 0, 0, [], [:])
                c.requests += 1; c.errors += isError ? 1 : 0; c.bytesOut += t.bytesOut; c.durations.append(t.duration)
                c.codes[t.code, default: 0] += 1
                clusters[t.cluster] = c
                pods[pod, default: 0] += 1
                podClusters[pod, default: [:]][t.cluster, default: 0] += 1
                guard t.host != "-" else { continue }
                var h = hosts[t.cluster, default: [:]][t.host] ?? (0, 0, [], [:])
                h.requests += 1; h.errors += isError ? 1 : 0; h.durations.append(t.duration)
                for f in t.flags.split(separator: ",") where f != "-" { h.flags[String(f), default: 0] += 1 }
                hosts[t.cluster, default: [:]][t.host] = h
                podHosts[pod, default: [:]][t.cluster, default: [:]][t.host, default: 0] += 1
            }
        }
    }

    static func aggregate(_ lines: some Collection<(TestLine, String)>, _ limits: AggregatorLimits = .report) -> Aggregator {
        var a = Aggregator(limits: limits)
        for (t, pod) in lines { a.add(t, pod: pod, container: "istio-proxy") }
        return a
    }

    /// Nearest-rank percentile of exact values, and whether `got` is within 1 % (or 1 ms) of it.
    static func close(_ got: Int, _ values: [Int64], _ p: Double) -> Bool {
        let sorted = values.sorted()
        let rank = max(1, Int((p / 100 * Double(sorted.count)).rounded(.up)))
        let exact = Double(sorted[rank - 1])
        return abs(Double(got) - exact) <= max(1, exact * 0.01)
    }

    @Test(arguments: shapes)
    func countsEqualTheReference(shape: Shape) throws {
        let lines = Self.traffic(shape)
        let ref = Reference(lines)
        let s = Self.aggregate(lines).snapshot()
        #expect(!s.accuracy.anyApproximate)
        #expect(s.clusters.count == ref.clusters.count && !s.clusters.contains { $0.isOther })
        for c in s.clusters {
            let r = try #require(ref.clusters[c.name.name])
            #expect(c.requests == r.requests && c.errors == r.errors && c.bytesSent == r.bytesOut)
            #expect(Dictionary(uniqueKeysWithValues: c.codes.map { (Int32($0.code), $0.count) }) == r.codes)
            for p in [50.0, 90, 99] {
                let got = p == 50 ? c.latency.p50 : p == 90 ? c.latency.p90 : c.latency.p99
                #expect(Self.close(got, r.durations, p), "cluster \(c.name.name) p\(p)")
            }
            #expect(c.latency.max == Int(r.durations.max() ?? 0))
            let refHosts = ref.hosts[c.name.name] ?? [:]
            #expect(c.hosts.count == refHosts.count && c.hostTable == .exact)
            for h in c.hosts {
                let rh = try #require(refHosts[h.host])
                #expect(h.requests == rh.requests && h.errors == rh.errors)
                #expect(Dictionary(uniqueKeysWithValues: h.flags.map { ($0.flag.shortName, $0.count) }) == rh.flags)
                #expect(Self.close(h.latency.p99, rh.durations, 99) && Self.close(h.latency.p50, rh.durations, 50))
            }
        }
        #expect(s.sources.count == ref.pods.count)
        for pod in s.sources {
            #expect(pod.requests == ref.pods[pod.pod])
            let clusters = ref.podClusters[pod.pod] ?? [:]
            #expect(Dictionary(uniqueKeysWithValues: pod.clusters.map { ($0.cluster, $0.requests) }) == clusters)
            for pc in pod.clusters {
                let hosts = ref.podHosts[pod.pod]?[pc.cluster] ?? [:]
                #expect(Dictionary(uniqueKeysWithValues: pc.hosts.map { ($0.key, $0.count) }) == hosts)
            }
        }
    }

    /// Split → aggregate → merge equals one pass, at high cardinality.
    @Test func mergeIsExactAtHighCardinality() {
        let lines = Self.traffic(Self.shapes[4], seed: 7)
        let whole = Self.aggregate(lines).snapshot()
        var merged = Self.aggregate(lines[..<10_000])
        merged.merge(Self.aggregate(lines[10_000..<21_000]))
        merged.merge(Self.aggregate(lines[21_000...]))
        #expect(merged.snapshot() == whole)
    }

    /// Past the bounds totals stay exact, the tables say so, and a heavy hitter keeps its place with
    /// a count within the error bound.
    @Test func beyondTheBoundsDegradesHonestly() throws {
        var lines = Self.traffic(Shape(clusters: 400, hostsPerCluster: 10, pods: 200, lines: 20_000), seed: 3)
        for i in stride(from: 0, to: lines.count, by: 10) {
            lines[i].0.cluster = "outbound|50051||heavy.ns.svc.cluster.local"
            lines[i].0.host = "10.99.0.1:50051"
        }
        let limits = AggregatorLimits(clusters: 64, hosts: 256, sources: 32, podLinks: 512, recentLines: 0, recentLineBytes: 0)
        let s = Self.aggregate(lines, limits).snapshot()
        #expect(s.requests == 20_000 && s.clusters.reduce(0) { $0 + $1.requests } == 20_000)
        #expect(s.accuracy.clusters.approximate && s.accuracy.hosts.approximate && s.accuracy.sources.approximate)
        #expect(s.clusters.last?.isOther == true && s.accuracy.clusters.otherCount == s.clusters.last?.requests)
        let heavy = try #require(s.clusters.first { $0.name.name == "outbound|50051||heavy.ns.svc.cluster.local" })
        #expect(heavy.requests <= 2_000 && heavy.requests >= 2_000 - s.accuracy.clusters.errorBound)
        #expect(heavy.hosts.first?.host == "10.99.0.1:50051")
        #expect(s.sources.reduce(0) { $0 + $1.requests } == 20_000)
        for c in s.clusters { #expect(c.hosts.reduce(0) { $0 + $1.requests } + c.requestsWithoutHost == c.requests) }
    }
}
