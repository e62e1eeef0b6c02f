import AccessLog
import Testing
@testable import Analysis

@Suite struct PassthroughTrafficRuleTests {
    let rule = PassthroughTrafficRule()

    func passthrough(_ requests: Int = 40, of total: Int = 1_000, errors: Int = 0, destinations: [KeyCount]) -> Snapshot {
        let p = Fixture.cluster("PassthroughCluster", requests: requests, errors: errors, tcp: requests,
                                hosts: Fixture.hosts([requests], port: 443), destinations: destinations)
        return Fixture.snapshot([p, Fixture.cluster(Fixture.orders, requests: total - requests)])
    }

    @Test func passthroughIsInfoWithAServiceEntryPerDestination() throws {
        let f = try #require(run(rule, passthrough(destinations: [KeyCount(key: "api.stripe.com:443", count: 150), KeyCount(key: "10.20.30.40:5432", count: 50)])).first)
        #expect(f.severity == .info)
        #expect(f.title == "40 requests (4.0%) left the mesh via PassthroughCluster to 2 destinations")
        #expect(f.fixes[0].body.contains("- api.stripe.com"))
        #expect(f.fixes[0].body.contains("resolution: DNS"))
        #expect(f.fixes[1].body.contains("- 10.20.30.40/32"))
        #expect(f.fixes[1].body.contains("protocol: TCP"))
        #expect(f.fixes[1].body.contains("resolution: NONE"))
        #expect(f.fixes.last?.body.contains("REGISTRY_ONLY") == true)
    }

    @Test func failingPassthroughIsAWarning() {
        #expect(run(rule, passthrough(200, of: 10_000, errors: 10, destinations: [])).first?.severity == .warning)   // 5%, 10
        #expect(run(rule, passthrough(200, of: 10_000, errors: 9, destinations: [])).first?.severity == .info)
    }

    @Test func aSizeableShareLeavingTheMeshIsAWarning() {
        #expect(run(rule, passthrough(50, of: 1_000, destinations: [])).first?.severity == .warning)   // 5%
        #expect(run(rule, passthrough(49, of: 1_000, destinations: [])).first?.severity == .info)
        #expect(run(rule, passthrough(19, of: 380, destinations: [])).first?.severity == .info)     // 5% but 19
    }

    @Test func noPassthroughNoFinding() {
        #expect(run(rule, Fixture.snapshot([Fixture.cluster(Fixture.orders, requests: 800)])).isEmpty)
    }
}
