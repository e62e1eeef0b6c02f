import TestSupport
import AccessLog
import Testing
@testable import Analysis

@Suite struct AggregatorMergeTests {
    /// Varied traffic: several clusters, hosts, flags, gRPC, TCP, pods, paths with ids, spread over time.
    static func traffic(_ n: Int) -> [(TestLine, String)] {
        var out: [(TestLine, String)] = []
        let flags = ["-", "-", "-", "-", "UF,URX", "UO", "DC", "UT", "NR", "-"]
        for i in 0..<n {
            var t: TestLine
            switch i % 5 {
            case 0: t = .grpc(i % 3 == 0 ? "/shop.Orders/GetOrder" : "/shop.Orders/PlaceOrder",
                              status: Int16([0, 0, 14, 4, 0][i % 5 == 0 ? (i / 5) % 5 : 0]), host: "10.2.0.\(i % 4):50051")
            case 1: t = .tcp(host: "10.3.0.\(i % 2):5432")
            default:
                t = TestLine()
                t.path = "/api/items/\(i % 37)"
                t.method = i % 7 == 0 ? "PUT" : "GET"
                t.host = "10.1.0.\(i % 3):8080"
            }
            t.flags = t.proto == "-" ? "-" : flags[i % flags.count]
            if t.flags == "UF,URX" { t.code = 503; t.details = "upstream_reset_before_response_started{connection_failure}" }
            if t.flags == "UT" { t.code = 504; t.details = "response_timeout" }
            t.startMs += Int64(i * 700)
            t.duration = Int64((i * 37) % 900)
            out.append((t, "client-\(i % 3)"))
        }
        return out
    }

    static func aggregate(_ lines: ArraySlice<(TestLine, String)>, _ limits: AggregatorLimits = .default) -> Aggregator {
        var a = Aggregator(limits: limits)
        for (t, pod) in lines {
            a.add(t, pod: pod, container: "istio-proxy")
            if t.duration % 11 == 0 { a.addNonAccess(.envoyApplication, "[2024-05-01 10:00:00.000][1][info][main] x") }
        }
        return a
    }

    @Test func halvesMergedEqualAllAtOnce() {
        let all = Self.traffic(400)
        let whole = Self.aggregate(all[...]).snapshot()
        var first = Self.aggregate(all[0..<170])
        first.merge(Self.aggregate(all[170...]))
        Self.expectSame(first.snapshot(), whole)
    }

    @Test func mergeOrderDoesNotMatterForCounts() {
        let all = Self.traffic(300)
        let whole = Self.aggregate(all[...]).snapshot()
        // Second half first: every key is interned in a different order and gets different slots.
        var reversed = Self.aggregate(all[150...])
        reversed.merge(Self.aggregate(all[..<150]))
        var s = reversed.snapshot()
        // Only the order-dependent parts (recent lines, first samples) may differ.
        #expect(Set(s.recentLines.map(\.text)) == Set(whole.recentLines.map(\.text)))
        s.recentLines = whole.recentLines
        for i in s.flags.indices { s.flags[i].samples = whole.flags[i].samples }
        Self.expectSame(s, whole)
    }

    @Test func associativeAndIdentity() {
        let all = Self.traffic(240)
        let a = Self.aggregate(all[0..<80]), b = Self.aggregate(all[80..<160]), c = Self.aggregate(all[160...])
        var left = a
        left.merge(b)
        left.merge(c)
        var bc = b
        bc.merge(c)
        var right = a
        right.merge(bc)
        Self.expectSame(left.snapshot(), right.snapshot())
        var withEmpty = left
        withEmpty.merge(Aggregator())
        var emptyFirst = Aggregator()
        emptyFirst.merge(left)
        #expect(withEmpty.snapshot() == left.snapshot())
        #expect(emptyFirst.snapshot() == left.snapshot())
    }

    @Test func mergeUnderPruningKeepsTotalsExact() {
        let limits = AggregatorLimits(clusters: 4, hosts: 4, methods: 2, paths: 4, keys: 2, sources: 2, breakdown: 2)
        let all = Self.traffic(300)
        var merged = Self.aggregate(all[..<100], limits)
        merged.merge(Self.aggregate(all[100..<200], limits))
        merged.merge(Self.aggregate(all[200...], limits))
        let s = merged.snapshot()
        #expect(s.requests == 300)
        #expect(s.clusters.reduce(0) { $0 + $1.requests } == 300)
        #expect(s.paths.reduce(0) { $0 + $1.count } == Self.aggregate(all[...]).snapshot().paths.reduce(0) { $0 + $1.count })
        #expect(s.methods.reduce(0) { $0 + $1.requests } == all.filter { $0.0.proto != "-" && ($0.0.method != "GET") }.count)
        #expect(s.sources.reduce(0) { $0 + $1.requests } == 300)
        for c in s.clusters { #expect(c.hosts.reduce(0) { $0 + $1.requests } == c.requests) }
        #expect(s.clusters.reduce(0) { $0 + $1.hosts.filter { !$0.isOther }.count } <= 4)
        #expect(s.clusters.filter { !$0.isOther }.count <= 4)
    }

    /// Compares field by field so a failure names the field.
    static func expectSame(_ a: Snapshot, _ b: Snapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.lines == b.lines, sourceLocation: sourceLocation)
        #expect(a.formats == b.formats, sourceLocation: sourceLocation)
        #expect(a.timeRange == b.timeRange, sourceLocation: sourceLocation)
        #expect(a.requests == b.requests && a.errors == b.errors && a.grpcRequests == b.grpcRequests,
                sourceLocation: sourceLocation)
        #expect(a.flags == b.flags, sourceLocation: sourceLocation)
        #expect(a.flagCombinations == b.flagCombinations, sourceLocation: sourceLocation)
        #expect(a.responseCodes == b.responseCodes, sourceLocation: sourceLocation)
        #expect(a.codeDetails == b.codeDetails, sourceLocation: sourceLocation)
        #expect(a.transportFailureReasons == b.transportFailureReasons, sourceLocation: sourceLocation)
        #expect(a.terminationDetails == b.terminationDetails, sourceLocation: sourceLocation)
        #expect(a.clusters == b.clusters, sourceLocation: sourceLocation)
        #expect(a.routes == b.routes && a.authorities == b.authorities, sourceLocation: sourceLocation)
        #expect(a.methods == b.methods, sourceLocation: sourceLocation)
        #expect(a.paths == b.paths, sourceLocation: sourceLocation)
        #expect(a.sources == b.sources, sourceLocation: sourceLocation)
        #expect(a.timeline == b.timeline, sourceLocation: sourceLocation)
        #expect(a.recentLines == b.recentLines, sourceLocation: sourceLocation)
        #expect(a.hasGrpcStatusField == b.hasGrpcStatusField && a.hasAttemptCountField == b.hasAttemptCountField,
                sourceLocation: sourceLocation)
        #expect(a == b, sourceLocation: sourceLocation)
    }
}
