import AccessLog
import Testing
@testable import Analysis

@Suite struct GRPCStatusNotLoggedRuleTests {
    let rule = GRPCStatusNotLoggedRule()

    func snapshot(grpc: Int, of total: Int? = nil, logged: Bool) -> Snapshot {
        let m = MethodStats(method: "/orders.OrderService/GetOrder", isGRPC: true, requests: grpc,
                            clusters: [KeyCount(key: Fixture.orders, count: grpc)])
        let total = total ?? grpc * 2
        return Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: max(grpc, 1)),
                                 Fixture.cluster(Fixture.payments, requests: max(1, total - grpc), http1: max(1, total - grpc))],
                                requests: total, methods: [m], grpcStatusLogged: logged, grpcRequests: grpc)
    }

    @Test func grpcWithoutStatusIsAnInfoWithTheTelemetryFix() throws {
        let f = try #require(run(rule, snapshot(grpc: 10, logged: false)).first)
        #expect(f.severity == .info)
        #expect(f.fixText.contains("%GRPC_STATUS%"))
        #expect(f.fixText.contains("kind: Telemetry"))
        #expect(f.fixText.contains("envoyFileAccessLog"))
        #expect(f.fact("Top gRPC methods") == "/orders.OrderService/GetOrder")
    }

    /// Issue 12: a healthy, pure-gRPC service in Istio's default format must pass `--fail-on warning`.
    @Test func pureGRPCIsStillInfoAdviceThatNeverTripsFailOn() throws {
        let f = try #require(run(rule, snapshot(grpc: 1_000, of: 1_000, logged: false)).first)
        #expect(f.severity == .info)
        #expect(f.kind == .advice)
        #expect(!f.trips(failOn: .warning))
        #expect(f.impact == 0)
    }

    @Test func adviceRanksAfterEveryTrafficFinding() throws {
        let advice = try #require(run(rule, snapshot(grpc: 1_000, of: 1_000, logged: false)).first)
        var traffic = advice
        traffic.id = .upstreamReset
        traffic.impact = 0
        #expect(Diagnoser.ranksBefore(traffic, advice))
        #expect(!Diagnoser.ranksBefore(advice, traffic))
    }

    @Test func thresholdAndNegatives() {
        #expect(run(rule, snapshot(grpc: 9, logged: false)).isEmpty)
        #expect(run(rule, snapshot(grpc: 10_000, logged: true)).isEmpty)
    }
}
