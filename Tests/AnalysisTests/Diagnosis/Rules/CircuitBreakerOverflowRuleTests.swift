import AccessLog
import Testing
@testable import Analysis

@Suite struct CircuitBreakerOverflowRuleTests {
    let rule = CircuitBreakerOverflowRule()

    @Test func titleCarriesTheNumbersAndTheFixTheRealService() throws {
        let pod = SourceStats(pod: "frontend-7c9d8-x2x4z", clusters: [SourceClusterStats(cluster: Fixture.orders, requests: 50)])
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "upstream_reset_before_response_started{overflow}", count: 1_204)],
                                        samples: [Fixture.line(code: 200, flags: "UO", details: "upstream_reset_before_response_started{overflow}")],
                                        codes: [CodeCount(code: 200, count: 1_204)], grpcCount: 1_204)
        let f = try #require(run(rule, flagged(.upstreamOverflow, 1_204, of: 10_033, extras: extras, grpc: 10_000, sources: [pod])).first)
        #expect(f.title == "UO on 12.0% of requests to orders.shop:50051 (1,204 of 10,033)")
        #expect(f.severity == .critical)
        #expect(f.subject == Fixture.orders)
        #expect(f.fixText.contains("host: orders.shop.svc.cluster.local"))
        #expect(f.fixText.contains("namespace: shop"))
        #expect(f.fixText.contains("http2MaxRequests"))
        #expect(f.verify.contains("istioctl proxy-config cluster frontend-7c9d8-x2x4z --fqdn orders.shop.svc.cluster.local -o json"))
        #expect(f.evidence.samples.count == 1)
        #expect(f.evidence.window == "2024-05-01 10:00:00 – 10:01:00 UTC (1m0s)")
        #expect(f.explanation.first?.contains("http2MaxRequests") == true)
        #expect(f.explanation.contains { $0.contains("logged as HTTP 200") })
    }

    @Test func tcpClusterPointsAtMaxConnections() throws {
        let f = try #require(run(rule, flagged(.upstreamOverflow, 50, of: 400, tcp: 400)).first)
        #expect(f.explanation.first?.contains("tcp.maxConnections") == true)
        #expect(f.fixText.contains("maxConnections:"))
        #expect(!f.fixText.contains("http2MaxRequests"))
        #expect(!f.fixText.contains("maxRetries"))
        #expect(f.fixText.contains("2^32-1"))
    }

    @Test func noOverflowNoFinding() {
        #expect(run(rule, flagged(.upstreamConnectionFailure, 50, of: 400)).isEmpty)
    }

    @Test func thresholds() {
        expectFailureThresholds(rule, .upstreamOverflow)
    }

    @Test func verifyUsesPlaceholderWithoutPods() throws {
        let f = try #require(run(rule, flagged(.upstreamOverflow, 10, of: 100)).first)
        #expect(f.verifyText.contains("<client-pod>"))
    }
}
