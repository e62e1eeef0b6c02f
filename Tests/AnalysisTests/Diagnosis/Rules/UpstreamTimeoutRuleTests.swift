import AccessLog
import Testing
@testable import Analysis

@Suite struct UpstreamTimeoutRuleTests {
    let rule = UpstreamTimeoutRule()

    @Test func perTryTimeoutDetailsPutPerTryTimeoutFirst() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "upstream_per_try_timeout", count: 80), KeyCount(key: "response_timeout", count: 5)],
                                        latency: LatencySummary(count: 85, p50: 2_000, p90: 2_001, p99: 2_003, max: 2_010, mean: 2_000))
        let f = try #require(run(rule, flagged(.upstreamRequestTimeout, 85, of: 1_000, extras: extras)).first)
        #expect(f.explanation.first?.contains("perTryTimeout") == true)
        #expect(f.fact("Which timer fired") == "per-try timeout ×80, route timeout ×5")
        #expect(f.fact("Effective timeout")?.contains("2.0s") == true)
        #expect(f.fixText.contains("perTryTimeout"))
        #expect(f.fixText.contains("number: 50051"))
    }

    @Test func routeTimeoutDetailsPutTheRouteTimeoutFirst() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "response_timeout", count: 40)])
        let f = try #require(run(rule, flagged(.upstreamRequestTimeout, 40, of: 1_000, extras: extras)).first)
        #expect(f.explanation.first?.contains("VirtualService `timeout`") == true)
    }

    @Test func timeoutsOnOneHostPointAtThatHost() throws {
        let hosts = Fixture.hosts([500, 500], flags: [[.upstreamRequestTimeout: 40], [:]])
        let f = try #require(run(rule, flagged(.upstreamRequestTimeout, 40, of: 1_000, hosts: hosts)).first)
        #expect(f.explanation.first?.contains("One slow pod") == true)
        #expect(f.fact("Concentrated on one host")?.hasPrefix("10.244.1.10:50051") == true)
    }

    /// Issue 12: a VirtualService fix must not wipe a subset split; the new-object YAML routes to the
    /// host (what applies when no VirtualService exists), and the patch touches only the fields.
    @Test func virtualServiceFixNeverPinsASubsetAndPatchesOnlyTheFields() throws {
        let f = try #require(run(rule, flagged(.upstreamRequestTimeout, 40, of: 1_000, cluster: Fixture.ordersV2)).first)
        #expect(!f.fixText.contains("subset: v2"))
        #expect(f.fixText.contains(#""path":"/spec/http/0/retries""#))
        #expect(f.fixText.contains("retriable-status-codes,503"))
        #expect(f.title.contains("orders.shop:50051 subset v2"))
    }

    @Test func noTimeoutsNoFinding() {
        #expect(run(rule, flagged(.upstreamOverflow, 40, of: 1_000)).isEmpty)
    }

    @Test func thresholds() { expectFailureThresholds(rule, .upstreamRequestTimeout) }
}
