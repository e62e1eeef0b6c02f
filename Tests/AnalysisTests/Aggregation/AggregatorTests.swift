import TestSupport
import AccessLog
import Testing
@testable import Analysis

@Suite struct AggregatorTests {
    /// A small mixed fixture: HTTP to two hosts, a 503 UF,URX, a 404 NR, a TCP connection, gRPC calls.
    static func fixture() -> [TestLine] {
        var lines: [TestLine] = []
        for i in 0..<6 {
            var t = TestLine()
            t.host = i < 4 ? "10.1.0.1:8080" : "10.1.0.2:8080"
            t.duration = Int64(10 * (i + 1))
            t.startMs += Int64(i) * 1000
            lines.append(t)
        }
        var uf = TestLine()
        uf.code = 503; uf.flags = "URX,UF"; uf.details = "upstream_reset_before_response_started{remote_connection_failure}"
        uf.transport = "delayed_connect_error:_Connection_refused"; uf.host = "10.1.0.2:8080"; uf.upstreamTime = -1
        lines.append(uf)
        var nr = TestLine()
        nr.code = 404; nr.flags = "NR"; nr.details = "route_not_found"; nr.host = "-"; nr.cluster = "-"; nr.route = "-"
        lines.append(nr)
        lines.append(.tcp())
        lines.append(.grpc(status: 0))
        lines.append(.grpc(status: 14, flags: "UO", host: "10.2.0.2:50051"))
        var post = TestLine()
        post.method = "POST"; post.path = "/api/orders/12345?dry=1"; post.code = 201
        lines.append(post)
        return lines
    }

    static func aggregate(_ lines: [TestLine], limits: AggregatorLimits = .default) -> Aggregator {
        var a = Aggregator(limits: limits)
        for l in lines { a.add(l) }
        return a
    }

    @Test func countsLinesRequestsAndErrors() throws {
        var a = Self.aggregate(Self.fixture())
        a.addNonAccess(.istioAgent, "2024-05-01T10:00:00.000000Z\tinfo\tEnvoy proxy is ready")
        a.addMalformed(.unrecognised, "garbage \u{1b}[31mred", lineNumber: 14)
        let s = a.snapshot()
        #expect(s.lines.total == 14 && s.lines.access == 12 && s.lines.nonAccess == 1 && s.lines.malformed == 1)
        #expect(s.lines.total == s.lines.access + s.lines.nonAccess + s.lines.malformed)
        #expect(s.lines.malformedSamples.first?.lineNumber == 14)
        #expect(s.lines.malformedSamples.first?.text == "garbage \\x1b[31mred")
        #expect(s.lines.nonAccessByKind == [KindCount(kind: .istioAgent, count: 1)])
        #expect(s.requests == 12)
        // Errors: the 503 UF,URX and the gRPC 14/UO. The NR 404 is an error by flag (NR is a failure flag).
        #expect(s.errors == 3)
        #expect(s.grpcRequests == 2)
        #expect(s.hasGrpcStatusField)
        #expect(s.formats.map(\.format) == [.istio19Plus, .custom])
    }

    @Test func countsFlagsCodesAndDetails() throws {
        let s = Self.aggregate(Self.fixture()).snapshot()
        let uf = try #require(s.flags.first { $0.flag == .upstreamConnectionFailure })
        #expect(uf.count == 1 && uf.codes == [CodeCount(code: 503, count: 1)])
        #expect(uf.hosts.map(\.key) == ["10.1.0.2:8080"])
        #expect(uf.clusters.map(\.key) == ["outbound|8080||items.shop.svc.cluster.local"])
        #expect(uf.transportFailureReasons.map(\.key) == ["delayed_connect_error:_Connection_refused"])
        #expect(uf.samples.count == 1 && uf.samples[0].contains("URX,UF"))
        #expect(uf.firstSeenMs == 1_714_557_600_000)
        #expect(s.flagCombinations.contains { $0.flags == ResponseFlags(.upstreamConnectionFailure).union(ResponseFlags(.upstreamRetryLimitExceeded)) })
        #expect(s.responseCodes.first == CodeCount(code: 200, count: 8))
        #expect(s.responseCodes.contains(CodeCount(code: 0, count: 1)))
        #expect(s.codeDetails.first == KeyCount(key: "via_upstream", count: 9))
        #expect(s.routes.first == KeyCount(key: "default", count: 10))
        #expect(s.paths.contains(KeyCount(key: "/api/orders/{id}", count: 1)))
    }

    @Test func clustersHostsAndLatency() throws {
        let s = Self.aggregate(Self.fixture()).snapshot()
        let items = try #require(s.clusters.first)
        #expect(items.name.fqdn == "items.shop.svc.cluster.local" && items.name.port == 8080)
        #expect(items.requests == 8 && items.errors == 1 && items.http1 == 8)
        #expect(items.hosts.map(\.host) == ["10.1.0.1:8080", "10.1.0.2:8080"])
        #expect(items.hosts[0].requests == 5 && abs(items.hosts[0].share - 5.0 / 8) < 1e-9)
        #expect(items.hosts[1].flags.map(\.flag).sorted { $0.rawValue < $1.rawValue }
            == [.upstreamConnectionFailure, .upstreamRetryLimitExceeded])
        #expect(items.latency.count == 8 && items.latency.max == 60)
        #expect(items.upstreamServiceTime.count == 7)
        // 5 of 8 requests on one host of two: (5/8 − 1/2) / (1/2).
        #expect(abs(items.imbalance - (5.0 / 8 - 0.5) / 0.5) < 1e-9)
        let db = try #require(s.clusters.first { $0.name.serviceName == "db" })
        #expect(db.tcp == 1 && db.destinations.map(\.key) == ["10.96.0.10:8080"])
        #expect(db.latency.max == 60_000 && db.bytesSent == 90_000)
    }

    @Test func grpcMethodsAndOperations() throws {
        let s = Self.aggregate(Self.fixture()).snapshot()
        let place = try #require(s.methods.first { $0.method == "/shop.Orders/PlaceOrder" })
        #expect(place.isGRPC && place.requests == 2 && place.errors == 1)
        #expect(place.grpcStatuses.contains(GrpcStatusCount(status: 14, count: 1)))
        #expect(place.clusters.map(\.key) == ["outbound|50051||orders.shop.svc.cluster.local"])
        let post = try #require(s.methods.first { $0.method == "POST /api/orders/{id}" })
        #expect(!post.isGRPC && post.requests == 1)
        #expect(!s.methods.contains { $0.method.hasPrefix("GET") })
        let orders = try #require(s.clusters.first { $0.name.port == 50051 })
        #expect(orders.grpc == 2 && orders.http2 == 2 && orders.methods.first?.key == "/shop.Orders/PlaceOrder")
    }

    @Test func errorDefinition() throws {
        var dc = TestLine(); dc.code = 0; dc.flags = "DC"; dc.details = "downstream_remote_disconnect"
        var dr = TestLine.grpc(status: 1, flags: "DR")
        dr.code = 0
        var notFound = TestLine(); notFound.code = 404
        var unavailable = TestLine.grpc(status: 14)
        unavailable.code = 200
        let invalid = TestLine.grpc(status: 3)
        var fault = TestLine(); fault.flags = "DI"
        let s = Self.aggregate([dc, dr, notFound, unavailable, invalid, fault]).snapshot()
        #expect(s.errors == 1)   // only gRPC Unavailable
        #expect(s.clusters.reduce(0) { $0 + $1.clientErrors } == 1)
    }

    @Test func sourcesFromPrefixes() throws {
        var a = Aggregator()
        for i in 0..<4 {
            var t = TestLine()
            t.host = i % 2 == 0 ? "10.1.0.1:8080" : "10.1.0.2:8080"
            a.add(t, pod: i % 2 == 0 ? "web-1" : "web-2", container: "istio-proxy")
        }
        a.add(TestLine())   // no prefix: not a source
        let s = a.snapshot()
        #expect(s.sources.map(\.pod) == ["web-1", "web-2"])
        #expect(s.sources[0].container == "istio-proxy" && s.sources[0].requests == 2)
        let perCluster = try #require(s.sources[0].clusters.first)
        #expect(perCluster.requests == 2 && perCluster.hosts == [KeyCount(key: "10.1.0.1:8080", count: 2)])
    }

    @Test func timelineAndTimeRange() throws {
        let s = Self.aggregate(Self.fixture()).snapshot()
        #expect(s.timeRange == TimeRange(firstMs: 1_714_557_600_000, lastMs: 1_714_557_605_000))
        #expect(s.timeline.bucketSeconds == 1 && s.timeline.startSecond == 1_714_557_600)
        #expect(s.timeline.requests == [7, 1, 1, 1, 1, 1])
        #expect(s.timeline.requests.reduce(0, +) == s.requests)
        #expect(s.timeline.errors.reduce(0, +) == s.errors)
    }

    @Test func recentLinesKeepAttributes() throws {
        var a = Aggregator()
        a.add(.grpc(status: 14, flags: "UO"), pod: "web-1", container: "istio-proxy")
        let line = try #require(a.snapshot().recentLines.first)
        #expect(line.source == "web-1" && line.cluster == "outbound|50051||orders.shop.svc.cluster.local")
        #expect(line.host == "10.2.0.1:50051" && line.method == "/shop.Orders/PlaceOrder")
        #expect(line.flags == ResponseFlags(.upstreamOverflow) && line.grpcStatus == 14 && line.text.hasPrefix("[2024-05-01T10:00:00.000Z]"))
        #expect(Self.aggregate([TestLine()], limits: .report).snapshot().recentLines.isEmpty)
    }

    @Test func trailingSemicolonClusterIsTheSameCluster() throws {
        var a = TestLine(); a.cluster += ";"
        let s = Self.aggregate([a, TestLine()]).snapshot()
        #expect(s.clusters.count == 1 && s.clusters[0].requests == 2)
        #expect(s.clusters[0].name.name == "outbound|8080||items.shop.svc.cluster.local")
    }

    @Test func outOfBoundsRangesDoNotTrap() throws {
        var (line, record) = TestLine().build()
        record[.upstreamCluster] = FieldRange(line.count - 2, line.count + 50)
        record[.path] = FieldRange(10, 5)
        var a = Aggregator()
        line.withUnsafeBytes { a.add(record, line: $0, source: UnsafeRawBufferPointer(start: nil, count: 0),
                                     container: UnsafeRawBufferPointer(start: nil, count: 0)) }
        line = []
        #expect(a.snapshot().requests == 1)
    }
}
