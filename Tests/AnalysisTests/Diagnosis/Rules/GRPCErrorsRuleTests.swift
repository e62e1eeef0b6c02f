import AccessLog
import Testing
@testable import Analysis

@Suite struct GRPCErrorsRuleTests {
    let rule = GRPCErrorsRule()

    func method(_ statuses: [Int: Int], requests: Int = 1_000, logged: Bool = true) -> Snapshot {
        let m = MethodStats(method: "/orders.OrderService/GetOrder", isGRPC: true, requests: requests,
                            grpcStatuses: statuses.map { GrpcStatusCount(status: $0.key, count: $0.value) },
                            clusters: [KeyCount(key: Fixture.orders, count: requests)])
        return Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: requests)], methods: [m], grpcStatusLogged: logged)
    }

    @Test func unavailableIsReportedPerMethod() throws {
        let f = try #require(run(rule, method([0: 900, 14: 100])).first)
        #expect(f.severity == .critical)
        #expect(f.subject == "/orders.OrderService/GetOrder")
        #expect(f.title == "/orders.OrderService/GetOrder: 10.0% non-OK gRPC statuses (100 of 1,000), mostly UNAVAILABLE")
        #expect(f.explanation.first?.hasPrefix("UNAVAILABLE") == true)
        #expect(f.fixText.contains("outlierDetection"))
    }

    @Test func clientStatusesAreInfoFromOnePercent() {
        #expect(run(rule, method([0: 990, 5: 10])).first?.severity == .info)
        #expect(run(rule, method([0: 991, 5: 9])).isEmpty)
    }

    @Test func unimplementedPointsAtVersionSkew() throws {
        let f = try #require(run(rule, method([0: 900, 12: 100])).first)
        #expect(f.explanation.first?.contains("version skew") == true)
    }

    @Test func notReportedWhenTheFormatHasNoStatus() {
        #expect(run(rule, method([0: 900, 14: 100], logged: false)).isEmpty)
    }

    @Test func thresholds() {
        #expect(run(rule, method([0: 190, 13: 10], requests: 200)).first?.severity == .critical)
        #expect(run(rule, method([0: 191, 13: 9], requests: 200)).first?.severity == .warning)
        #expect(run(rule, method([0: 996, 13: 4])).first?.severity == .info)
        #expect(run(rule, method([0: 1_000])).isEmpty)
    }

    /// Statuses Envoy wrote itself point at their cause: UNAVAILABLE from a local rate limit (RL), and
    /// DEADLINE_EXCEEDED while the cancels are logged (DR); other statuses, or too few flags, do not.
    @Test func statusesEnvoyWroteNameTheirCause() throws {
        func cause(_ statuses: [Int: Int], flags: [FlagStats]) throws -> FindingID? {
            var s = method(statuses)
            s.flags = flags
            return try #require(run(rule, s).first).causedBy
        }
        #expect(try cause([0: 900, 14: 100], flags: [FlagStats(flag: .rateLimited, count: 60)]) == .rateLimited)
        #expect(try cause([0: 900, 14: 100], flags: [FlagStats(flag: .rateLimited, count: 40)]) == nil)
        #expect(try cause([0: 900, 4: 100], flags: [FlagStats(flag: .downstreamRemoteReset, count: 50)]) == .clientCancelled)
        // The deadline race as a loaded real Envoy logged it: 44 DEADLINE_EXCEEDED, 16 cancels.
        #expect(try cause([0: 60, 4: 44], flags: [FlagStats(flag: .downstreamRemoteReset, count: 16)]) == .clientCancelled)
        #expect(try cause([0: 900, 4: 100], flags: [FlagStats(flag: .downstreamConnectionTermination, count: 25)]) == .clientCancelled)
        #expect(try cause([0: 900, 4: 100], flags: [FlagStats(flag: .downstreamRemoteReset, count: 24)]) == nil)
        #expect(try cause([0: 900, 13: 100], flags: [FlagStats(flag: .rateLimited, count: 500)]) == nil)
    }
}
