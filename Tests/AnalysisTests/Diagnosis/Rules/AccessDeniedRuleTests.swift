import AccessLog
import Testing
@testable import Analysis

@Suite struct AccessDeniedRuleTests {
    let rule = AccessDeniedRule()
    let inbound = "inbound|8080||"

    func rbac(_ detail: String, _ count: Int, of total: Int) -> Snapshot {
        let c = Fixture.cluster(inbound, requests: total, details: [KeyCount(key: detail, count: count)])
        return Fixture.snapshot([c], codeDetails: [KeyCount(key: detail, count: count)],
                                recent: [SampleLine(text: Fixture.line(code: 403, details: detail, cluster: inbound), cluster: inbound, code: 403)])
    }

    @Test func namedDenyPolicyIsReportedWithItsNamespace() throws {
        let f = try #require(run(rule, rbac("rbac_access_denied_matched_policy[ns[shop]-policy[deny-legacy]-rule[0]]", 40, of: 1_000)).first)
        #expect(f.fact("Matched policies") == "shop/deny-legacy ×40")
        #expect(f.explanation.first?.contains("DENY") == true)
        #expect(f.fixText.contains("namespace: shop"))
        #expect(f.fixText.contains("shop/deny-legacy"))
        #expect(f.evidence.samples.count == 1)
    }

    @Test func noMatchingAllowPolicy() throws {
        let f = try #require(run(rule, rbac("rbac_access_denied_matched_policy[none]", 40, of: 1_000)).first)
        #expect(f.explanation.first?.contains("ALLOW policies exist") == true)
    }

    @Test func externalAuthorizationDenials() throws {
        let f = try #require(run(rule, flagged(.unauthorizedExternalService, 40, of: 1_000)).first)
        #expect(f.explanation.first?.contains("external authorizer") == true)
        #expect(f.fact("By") == "AuthorizationPolicy (RBAC) ×0, external authorization (UAEX) ×40")
    }

    @Test func cappedAtWarningBecauseDenialsAreOftenIntended() {
        #expect(run(rule, rbac("rbac_access_denied_matched_policy[none]", 500, of: 1_000)).first?.severity == .warning)
        #expect(run(rule, rbac("rbac_access_denied_matched_policy[none]", 4, of: 1_000)).first?.severity == .info)
        #expect(run(rule, rbac("rbac_access_denied_matched_policy[none]", 5, of: 1_000)).first?.severity == .warning)
    }

    @Test func appForbiddenResponsesAreNotAccessDenied() {
        let c = Fixture.cluster(inbound, requests: 1_000, details: [KeyCount(key: "via_upstream", count: 1_000)])
        #expect(run(rule, Fixture.snapshot([c])).isEmpty)
    }

    @Test func parsesPolicyNames() {
        let p = RBACPolicy(detail: "rbac_access_denied_matched_policy[ns[payments]-policy[allow-frontend]-rule[2]]")
        #expect(p.namespace == "payments")
        #expect(p.name == "allow-frontend")
        #expect(!p.isNone)
        #expect(RBACPolicy(detail: "rbac_access_denied_matched_policy[none]").isNone)
    }
}
