import Foundation
import Testing
import TrafficGenerator
@testable import Analysis

/// Issue 12: every fix of every finding, for every generated scenario, is rendered, read as YAML
/// (or its `kubectl patch` payload as JSON), and checked for the points that made fixes unsafe.
@Suite struct ScenarioFixesTests {
    static let lines = 6_000

    @Test(arguments: Scenario.allCases)
    func everyFixIsSafeToApply(_ scenario: Scenario) throws {
        let options = GeneratorOptions(lines: Self.lines, seed: 1, scenario: scenario)
        let split = scenario == .trafficSplit ? DiagnosisContext.parseExpectedSplit("v1=90,v2=10") : nil
        let findings = try ScenarioPipeline.findings(options, expectedSplit: split)
        for finding in findings {
            for fix in finding.fixes {
                let where_ = "\(scenario.rawValue) / \(finding.id.rawValue) / \(fix.title)"
                Self.check(fix, where_)
                Self.checkPoints(fix, finding, where_)
            }
        }
    }

    /// YAML reads as YAML; every `kubectl patch` payload is JSON; no `{token}` is left unfilled.
    static func check(_ fix: Fix, _ where_: String) {
        if fix.language == "yaml" {
            let problems = YAMLShape.problems(fix.body)
            #expect(problems.isEmpty, "\(where_): \(problems)")
        }
        // A payload with a `<placeholder>` (a port the log did not name) must be edited before use anyway.
        for payload in YAMLShape.patchPayloads(fix.body) where !payload.contains("<") {
            let parsed = try? JSONSerialization.jsonObject(with: Data(payload.utf8))
            #expect(parsed != nil, "\(where_): patch payload is not JSON: \(payload)")
        }
        for token in ["{fqdn}", "{service}", "{namespace}", "{port}", "{subsetLine}", "{drNote}", "{limitField}",
                      "{limitValue}", "{limitPath}", "{destination}", "{destinationPort}", "{method}"] {
            #expect(!fix.body.contains(token) && !fix.title.contains(token), "\(where_): unfilled \(token)")
        }
    }

    /// The points of issue 12.
    static func checkPoints(_ fix: Fix, _ finding: Finding, _ where_: String) {
        let body = fix.body
        // Circuit breakers: never lower a limit the user left at Istio's 2^32-1 default; one limit per fix.
        #expect(!body.contains("maxRetries: 100") && !body.contains("http2MaxRequests: 1000"), "\(where_)")
        if finding.id == .circuitBreakerOverflow {
            let limits = ["http2MaxRequests:", "http1MaxPendingRequests:", "maxConnections:", "maxRetries:"]
            #expect(limits.filter { body.contains($0) }.count == 1, "\(where_): touches more than one limit")
            #expect(body.contains("2^32-1"), "\(where_): does not name Istio's default")
        }
        // Max duration: DT is fixed by maxConnectionDuration, never by lowering other limits.
        if finding.id == .maxStreamDuration {
            #expect(!body.contains("connectTimeout") && !body.contains("maxConnections:"), "\(where_)")
            #expect(body.contains("maxConnectionDuration") || body.contains("max_stream_duration"), "\(where_)")
        }
        // Retries on status codes must name the codes.
        for line in body.split(separator: "\n") where line.contains("retriable-status-codes") && !line.contains("#   kubectl") {
            #expect(line.contains("503"), "\(where_): retriable-status-codes without codes: \(line)")
        }
        // VirtualService objects must not pin a subset or be applied over an existing one silently.
        if body.contains("kind: VirtualService"), finding.id != .trafficSplit {
            #expect(!body.contains("subset:"), "\(where_): a VirtualService fix pins a subset")
            #expect(body.contains("exists already? Do not apply this over it") || body.contains("Delete the whole `fault:`"),
                    "\(where_): no merge/patch note")
        }
        // Service fixes patch one field; a whole Service would drop the selector and the endpoints.
        #expect(!body.contains("kind: Service\n"), "\(where_): a full Service object")
        // ServiceEntry: a known namespace, and a protocol that fits the port.
        if body.contains("kind: ServiceEntry"), finding.subject != "-" {
            if body.contains("protocol: HTTP") { #expect(!body.contains("number: 443"), "\(where_)") }
            if body.contains("protocol: TLS") { #expect(!body.contains("number: 80\n"), "\(where_)") }
        }
    }
}
