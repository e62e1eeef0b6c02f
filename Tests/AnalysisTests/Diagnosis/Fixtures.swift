import AccessLog
@testable import Analysis

/// Hand-built snapshots for rule tests: clusters with flag counts, and the matching global
/// `FlagStats` derived from them so both views of the data agree.
enum Fixture {
    static let orders = "outbound|50051||orders.shop.svc.cluster.local"
    static let ordersV2 = "outbound|50051|v2|orders.shop.svc.cluster.local"
    static let payments = "outbound|8080||payments.shop.svc.cluster.local"
    static let reviews = "outbound|9080||reviews.bookinfo.svc.cluster.local"

    /// Hosts `10.244.1.N:PORT` with the given request counts.
    static func hosts(_ requests: [Int], port: Int = 50051, errors: [Int]? = nil,
                      flags: [[ResponseFlag: Int]]? = nil, p99: [Int]? = nil) -> [HostStats] {
        let total = max(1, requests.reduce(0, +))
        return requests.enumerated().map { i, n in
            HostStats(host: "10.244.1.\(i + 10):\(port)", requests: n, share: Double(n) / Double(total),
                      errors: errors?[i] ?? 0,
                      latency: p99.map { LatencySummary(count: n, p50: $0[i] / 4, p90: $0[i] / 2, p99: $0[i], max: $0[i] * 2, mean: Double($0[i]) / 4) }
                        ?? LatencySummary(count: n, p50: 5, p90: 12, p99: 30, max: 60, mean: 7),
                      flags: (flags?[i] ?? [:]).map { FlagCount(flag: $0.key, count: $0.value) })
        }
    }

    static func cluster(_ name: String, requests: Int, flags: [ResponseFlag: Int] = [:], errors: Int? = nil,
                        http1: Int = 0, http2: Int? = nil, tcp: Int = 0, grpc: Int = 0,
                        latency: LatencySummary = LatencySummary(count: 1, p50: 8, p90: 20, p99: 45, max: 90, mean: 10),
                        hosts: [HostStats]? = nil, details: [KeyCount] = [], destinations: [KeyCount] = [],
                        bytes: (Int64, Int64) = (1_000, 5_000), retried: Int = 0) -> ClusterStats {
        let failures = flags.filter { $0.key.isFailure && $0.key != .downstreamConnectionTermination }.values.reduce(0, +)
        return ClusterStats(
            name: ClusterName(name), requests: requests, errors: errors ?? failures, http1: http1,
            http2: http2 ?? max(0, requests - http1 - tcp), tcp: tcp, grpc: grpc,
            latency: LatencySummary(count: requests, p50: latency.p50, p90: latency.p90, p99: latency.p99,
                                    max: latency.max, mean: latency.mean),
            bytesReceived: bytes.0, bytesSent: bytes.1,
            hosts: hosts ?? Fixture.hosts([requests / 2, requests - requests / 2]),
            flags: flags.map { FlagCount(flag: $0.key, count: $0.value) }.sorted { $0.count > $1.count },
            details: details, destinations: destinations, retried: retried)
    }

    /// Per-flag extras for the global `FlagStats`.
    struct FlagExtras {
        var details: [KeyCount] = []
        var reasons: [KeyCount] = []
        var samples: [String] = []
        var latency = LatencySummary()
        var codes: [CodeCount] = []
        var grpcCount = 0
    }

    static func snapshot(_ clusters: [ClusterStats], requests: Int? = nil, extras: [ResponseFlag: FlagExtras] = [:],
                         unattributed: [ResponseFlag: Int] = [:], sources: [SourceStats] = [],
                         methods: [MethodStats] = [], codeDetails: [KeyCount] = [], routes: [KeyCount] = [],
                         combinations: [FlagSetCount] = [], recent: [SampleLine] = [],
                         grpcStatusLogged: Bool = false, attemptsLogged: Bool = false, grpcRequests: Int = 0,
                         seconds: Int64 = 60) -> Snapshot {
        let total = requests ?? clusters.reduce(0) { $0 + $1.requests }
        var counts: [ResponseFlag: Int] = unattributed
        var perCluster: [ResponseFlag: [KeyCount]] = [:]
        for c in clusters {
            for f in c.flags {
                counts[f.flag, default: 0] += f.count
                perCluster[f.flag, default: []].append(KeyCount(key: c.name.name, count: f.count))
            }
        }
        let flags = counts.map { flag, count in
            let e = extras[flag] ?? FlagExtras()
            return FlagStats(flag: flag, count: count, share: Double(count) / Double(max(1, total)),
                             clusters: perCluster[flag] ?? [], codes: e.codes, details: e.details,
                             transportFailureReasons: e.reasons, grpcCount: e.grpcCount, latency: e.latency,
                             firstSeenMs: 1_714_557_600_000, lastSeenMs: 1_714_557_600_000 + seconds * 1000,
                             samples: e.samples)
        }.sorted { $0.count > $1.count }
        return Snapshot(
            timeRange: TimeRange(firstMs: 1_714_557_600_000, lastMs: 1_714_557_600_000 + seconds * 1000),
            requests: total, errors: clusters.reduce(0) { $0 + $1.errors }, flags: flags,
            flagCombinations: combinations, codeDetails: codeDetails, clusters: clusters, routes: routes,
            methods: methods, sources: sources, recentLines: recent, hasGrpcStatusField: grpcStatusLogged,
            hasAttemptCountField: attemptsLogged, grpcRequests: grpcRequests)
    }

    /// An Istio 1.9+ text access line.
    static func line(code: Int = 503, flags: String = "-", details: String = "via_upstream", reason: String = "-",
                     method: String = "POST", path: String = "/orders.OrderService/GetOrder", protocol_: String = "HTTP/2",
                     host: String = "10.244.1.10:50051", cluster: String = orders, duration: Int = 3,
                     authority: String = "orders.shop.svc.cluster.local:50051") -> String {
        "[2024-05-01T10:00:01.123Z] \"\(method) \(path) \(protocol_)\" \(code) \(flags) \(details) - \"\(reason)\" 120 91 \(duration) - \"-\" \"grpc-go/1.60.1\" \"5d3c1c7e-9f7e-4d55-9a2a-0c1e3b1f2a10\" \"\(authority)\" \"\(host)\" \(cluster) 10.244.0.5:41234 10.96.12.34:50051 10.244.0.5:52144 - default"
    }

    /// A healthy mixed-traffic snapshot: three services, tens of thousands of requests, a little
    /// background noise (a few DC, one UC, a handful of app 5xx).
    static func healthy() -> Snapshot {
        let orders = cluster(Fixture.orders, requests: 30_000, flags: [.downstreamConnectionTermination: 6], grpc: 30_000,
                             hosts: hosts([10_050, 9_980, 9_970]))
        let payments = cluster(Fixture.payments, requests: 20_000, flags: [.upstreamConnectionTermination: 1],
                               errors: 4, http1: 20_000, hosts: hosts([10_010, 9_990], port: 8080))
        let reviews = cluster(Fixture.reviews, requests: 10_000, http1: 10_000, hosts: hosts([3_340, 3_330, 3_330], port: 9080))
        let method = MethodStats(method: "/orders.OrderService/GetOrder", isGRPC: true, requests: 30_000,
                                 grpcStatuses: [GrpcStatusCount(status: 0, count: 29_990), GrpcStatusCount(status: 5, count: 10)],
                                 clusters: [KeyCount(key: Fixture.orders, count: 30_000)])
        return snapshot([orders, payments, reviews], methods: [method], grpcStatusLogged: true, grpcRequests: 30_000)
    }
}
