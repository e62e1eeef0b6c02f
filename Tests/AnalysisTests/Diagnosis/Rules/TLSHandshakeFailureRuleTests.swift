import AccessLog
import Testing
@testable import Analysis

@Suite struct TLSHandshakeFailureRuleTests {
    let rule = TLSHandshakeFailureRule()

    func tls(_ reason: String, count: Int = 40) -> Snapshot {
        let extras = Fixture.FlagExtras(reasons: [KeyCount(key: reason, count: count)],
                                        samples: [Fixture.line(flags: "UF", details: "upstream_reset_before_response_started{remote_connection_failure|\(reason)}", reason: reason)])
        return flagged(.upstreamConnectionFailure, count, of: 1_000, extras: extras)
    }

    @Test func wrongVersionNumberMeansTLSToAPlaintextPort() throws {
        let f = try #require(run(rule, tls("TLS_error:|268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end")).first)
        #expect(f.explanation.first?.contains("plaintext port") == true)
        #expect(f.title.hasPrefix("TLS handshake failures (UF) on 4.0% of requests to orders.shop:50051"))
        #expect(f.fixText.contains("mode: ISTIO_MUTUAL"))
        #expect(f.fixText.contains("host: orders.shop.svc.cluster.local"))
    }

    @Test func verifyFailuresPointAtSANOrRootCA() throws {
        let f = try #require(run(rule, tls("TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end")).first)
        #expect(f.explanation.first?.contains("does not verify") == true)
    }

    @Test func missingSDSSecret() throws {
        let f = try #require(run(rule, tls("TLS_error:_Secret_is_not_supplied_by_SDS")).first)
        #expect(f.explanation.first?.contains("credentialName") == true)
    }

    @Test func refusedConnectionsAreNotTLS() {
        #expect(run(rule, tls("delayed_connect_error:_111")).isEmpty)
    }

    @Test func oneClusterIsReportedByExactlyOneOfTheTwoRules() {
        let tlsReason = "TLS_error:|268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end"
        let a = Fixture.cluster(Fixture.orders, requests: 1_000, flags: [.upstreamConnectionFailure: 40])
        let b = Fixture.cluster(Fixture.payments, requests: 1_000, flags: [.upstreamConnectionFailure: 40])
        let extras = Fixture.FlagExtras(
            reasons: [KeyCount(key: tlsReason, count: 40), KeyCount(key: "delayed_connect_error:_111", count: 40)],
            samples: [Fixture.line(flags: "UF", reason: tlsReason, cluster: Fixture.orders),
                      Fixture.line(flags: "UF", reason: "delayed_connect_error:_111", cluster: Fixture.payments)])
        let s = Fixture.snapshot([a, b], extras: [.upstreamConnectionFailure: extras])
        let findings = Diagnoser().diagnose(s).filter { $0.id == .tlsHandshakeFailure || $0.id == .upstreamConnectFailure }
        #expect(findings.count == 2)
        #expect(findings.first { $0.id == .tlsHandshakeFailure }?.subject == Fixture.orders)
        #expect(findings.first { $0.id == .upstreamConnectFailure }?.subject == Fixture.payments)
    }

    @Test func thresholds() {
        for (count, total, expected) in [(10, 200, Severity.critical), (9, 200, .warning), (4, 1_000, .info)] {
            let s = tls("TLS_error:_CERTIFICATE_VERIFY_FAILED", count: count)
            var c = s.clusters[0]
            c.requests = total
            let snapshot = Fixture.snapshot([c], extras: [.upstreamConnectionFailure: .init(reasons: [KeyCount(key: "TLS_error:_CERTIFICATE_VERIFY_FAILED", count: count)])])
            #expect(run(rule, snapshot).first?.severity == expected)
        }
    }
}
