import AccessLog
import Testing
@testable import Analysis

@Suite struct ProtocolErrorRuleTests {
    let rule = ProtocolErrorRule()

    @Test func upstreamProtocolErrorsPointAtThePortDeclaration() throws {
        let f = try #require(run(rule, flagged(.upstreamProtocolError, 40, of: 1_000, cluster: Fixture.payments)).first)
        #expect(f.explanation.first?.contains("speaks HTTP/1.1") == true)
        #expect(f.fixText.contains("kubectl patch service payments -n shop --type strategic"))
        #expect(f.fixText.contains(#""port":8080,"appProtocol":"http""#))
        #expect(f.fixText.contains("h2UpgradePolicy: DO_NOT_UPGRADE"))
    }

    @Test func largeHeadersComeFirstWhenTheDetailsSaySo() throws {
        let extras = Fixture.FlagExtras(details: [KeyCount(key: "http1.headers_too_large", count: 40)])
        let f = try #require(run(rule, flagged(.downstreamProtocolError, 40, of: 1_000, extras: extras)).first)
        #expect(f.explanation.first?.contains("headers exceed") == true)
    }

    @Test func downstreamCodecErrorsPointAtTheClientProtocol() throws {
        let f = try #require(run(rule, flagged(.downstreamProtocolError, 40, of: 1_000)).first)
        #expect(f.explanation.first?.contains("HTTP/1.1 client") == true)
    }

    @Test func invalidEnvoyHeaders() throws {
        let f = try #require(run(rule, flagged(.invalidEnvoyRequestHeaders, 40, of: 1_000)).first)
        #expect(f.explanation.first?.contains("x-envoy-") == true)
    }

    @Test func noProtocolErrorsNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 40, of: 1_000)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .upstreamProtocolError) }
}
