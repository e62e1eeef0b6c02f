import AccessLog
import Testing
@testable import Analysis

@Suite struct NoRouteRuleTests {
    let rule = NoRouteRule()

    func noRoute(_ detail: String, count: Int = 50, total: Int = 1_000) -> Snapshot {
        let ok = Fixture.cluster(Fixture.orders, requests: total - count)
        let none = Fixture.cluster("-", requests: count, flags: [.noRouteFound: count], hosts: [])
        let extras = Fixture.FlagExtras(details: [KeyCount(key: detail, count: count)],
                                        samples: [Fixture.line(code: 404, flags: "NR", details: detail, host: "-", cluster: "-")])
        return Fixture.snapshot([ok, none], extras: [.noRouteFound: extras],
                                routes: [], combinations: [])
    }

    @Test func routeNotFoundPointsAtVirtualServiceHosts() throws {
        let f = try #require(run(rule, noRoute("route_not_found")).first)
        #expect(f.title == "NR on 5.0% of all requests (50 of 1,000)")
        #expect(f.severity == .critical)
        #expect(f.subject == "-")
        #expect(f.explanation.first?.contains("authority") == true)
        #expect(f.fixText.contains("kind: VirtualService"))
        #expect(f.evidence.samples.count == 1)
    }

    @Test func filterChainNotFoundPointsAtPlaintextToStrictMTLS() throws {
        let f = try #require(run(rule, noRoute("filter_chain_not_found")).first)
        #expect(f.explanation.first?.contains("STRICT") == true)
        #expect(f.fixText.contains("kind: PeerAuthentication"))
    }

    @Test func noNRNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 30, of: 100)).isEmpty) }

    @Test func thresholds() {
        #expect(run(rule, noRoute("route_not_found", count: 10, total: 200)).first?.severity == .critical)
        #expect(run(rule, noRoute("route_not_found", count: 9, total: 200)).first?.severity == .warning)
        #expect(run(rule, noRoute("route_not_found", count: 4, total: 1_000)).first?.severity == .info)
        expectFailureThresholds(rule, .noRouteFound)
    }
}
