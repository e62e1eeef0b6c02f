import AccessLog
import Testing
@testable import Analysis

@Suite struct BlackholeTrafficRuleTests {
    let rule = BlackholeTrafficRule()

    func blocked(tcp: Int, http: Int, total: Int = 1_000) -> Snapshot {
        var clusters = [Fixture.cluster(Fixture.orders, requests: total - tcp - http)]
        if tcp > 0 {
            clusters.append(Fixture.cluster("BlackHoleCluster", requests: tcp, flags: [.noHealthyUpstream: tcp], tcp: tcp, hosts: [],
                                            destinations: [KeyCount(key: "api.github.com:443", count: tcp)]))
        }
        return Fixture.snapshot(clusters, requests: total, routes: http > 0 ? [KeyCount(key: "block_all", count: http)] : [])
    }

    @Test func blockedTrafficNamesTheDestinationAndSuggestsAServiceEntry() throws {
        let f = try #require(run(rule, blocked(tcp: 30, http: 20)).first)
        #expect(f.severity == .critical)
        #expect(f.fact("How") == "BlackHoleCluster (TCP) ×30, route block_all (HTTP 502) ×20")
        #expect(f.fixes[0].body.contains("- api.github.com"))
        #expect(f.title.hasPrefix("50 requests (5.0%) blocked by REGISTRY_ONLY"))
    }

    @Test func thresholds() {
        #expect(run(rule, blocked(tcp: 10, http: 0, total: 200)).first?.severity == .critical)
        #expect(run(rule, blocked(tcp: 9, http: 0, total: 200)).first?.severity == .warning)
        #expect(run(rule, blocked(tcp: 0, http: 4, total: 1_000)).first?.severity == .info)
    }

    @Test func noBlackholeNoFinding() { #expect(run(rule, blocked(tcp: 0, http: 0)).isEmpty) }
}
