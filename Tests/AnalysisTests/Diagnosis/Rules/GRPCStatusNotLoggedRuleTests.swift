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

    @Test func mostlyGRPCIsAWarning() {
        #expect(run(rule, snapshot(grpc: 600, of: 1_000, logged: false)).first?.severity == .warning)
        #expect(run(rule, snapshot(grpc: 599, of: 1_000, logged: false)).first?.severity == .info)
    }

    @Test func thresholdAndNegatives() {
        #expect(run(rule, snapshot(grpc: 9, logged: false)).isEmpty)
        #expect(run(rule, snapshot(grpc: 10_000, logged: true)).isEmpty)
    }
}
