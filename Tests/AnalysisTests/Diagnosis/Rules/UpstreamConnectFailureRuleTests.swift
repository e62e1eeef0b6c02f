import AccessLog
import Testing
@testable import Analysis

@Suite struct UpstreamConnectFailureRuleTests {
    let rule = UpstreamConnectFailureRule()

    func failures(_ reason: String, count: Int = 40, hosts: [HostStats]? = nil) -> Snapshot {
        let extras = Fixture.FlagExtras(
            details: [KeyCount(key: "upstream_reset_before_response_started{remote_connection_failure,\(reason)}", count: count)],
            reasons: [KeyCount(key: reason, count: count)],
            samples: [Fixture.line(flags: "UF,URX", details: "upstream_reset_before_response_started{remote_connection_failure,\(reason)}", reason: reason)])
        return flagged(.upstreamConnectionFailure, count, of: 1_000, extras: extras, hosts: hosts)
    }

    @Test func refusedConnectionsPointAtTheTargetPortFirst() throws {
        let f = try #require(run(rule, failures("delayed_connect_error:_111")).first)
        #expect(f.explanation.first?.contains("targetPort") == true)
        #expect(f.explanation[1].contains("127.0.0.1"))
        #expect(f.fact("Reasons")?.hasPrefix("refused ×") == true)
        #expect(f.fixText.contains("kubectl patch service orders -n shop --type strategic"))
        #expect(f.fixText.contains(#""port":50051,"targetPort":"#))
    }

    @Test func newerEnvoyTextReasonIsRecognised() throws {
        let f = try #require(run(rule, failures("delayed_connect_error:_Connection_refused")).first)
        #expect(f.explanation.first?.contains("targetPort") == true)
    }

    @Test func unreachableHostsPointAtGonePods() throws {
        let f = try #require(run(rule, failures("delayed_connect_error:_113")).first)
        #expect(f.explanation.first?.contains("terminated or rescheduled") == true)
    }

    @Test func connectTimeoutsPointAtNetworkPolicy() throws {
        let f = try #require(run(rule, failures("connection_timeout")).first)
        #expect(f.explanation.first?.contains("NetworkPolicy") == true)
    }

    @Test func failuresOnOneHostPointAtThatPodGoingAway() throws {
        let hosts = Fixture.hosts([500, 500], flags: [[.upstreamConnectionFailure: 40], [:]])
        let f = try #require(run(rule, failures("delayed_connect_error:_111", hosts: hosts)).first)
        #expect(f.fact("Hosts with connect failures") == "1 of 2")
        #expect(f.explanation.first?.contains("terminated or rescheduled") == true)
    }

    @Test func tlsFailuresAreLeftToTheTLSRule() {
        let reason = "TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end"
        #expect(run(rule, failures(reason)).isEmpty)
        #expect(run(TLSHandshakeFailureRule(), failures(reason)).count == 1)
    }

    @Test func noFailuresNoFinding() { #expect(run(rule, flagged(.upstreamOverflow, 40, of: 1_000)).isEmpty) }
    @Test func thresholds() { expectFailureThresholds(rule, .upstreamConnectionFailure) }
}
