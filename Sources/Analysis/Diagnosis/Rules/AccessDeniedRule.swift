import AccessLog

/// 403 from Istio authorization (`rbac_access_denied_matched_policy[…]`, no flag) or ext_authz
/// (UAEX). The policy named in the details picks the cause. Capped at warning: denials are often
/// the policy doing its job.
struct AccessDeniedRule: DiagnosisRule {
    public static let id = FindingID.accessDenied
    public init() {}

    static func isRBAC(_ detail: String) -> Bool { detail.hasPrefix("rbac_access_denied") }

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        var findings: [Finding] = []
        let uaex = FlagOccurrence.find([.unauthorizedExternalService], in: snapshot)
        var attributedRBAC = 0
        for c in snapshot.clusters where !ClusterKey.isNone(c.name.name) {
            let rbac = c.details.filter { Self.isRBAC($0.key) }
            let rbacCount = rbac.reduce(0) { $0 + $1.count }
            attributedRBAC += rbacCount
            let external = uaex.first { $0.cluster?.name == c.name }?.count ?? 0
            guard rbacCount + external > 0 else { continue }
            if let f = finding(cluster: c, rbac: rbac, external: external, denominator: c.requests, snapshot, context) {
                findings.append(f)
            }
        }
        let globalRBAC = snapshot.codeDetails.filter { Self.isRBAC($0.key) }
        let remainingRBAC = max(0, globalRBAC.reduce(0) { $0 + $1.count } - attributedRBAC)
        let remainingExternal = uaex.filter { $0.cluster == nil }.reduce(0) { $0 + $1.count }
        if remainingRBAC + remainingExternal > 0,
           let f = finding(cluster: nil, rbac: remainingRBAC > 0 ? globalRBAC : [], external: remainingExternal,
                           rbacOverride: remainingRBAC, denominator: snapshot.requests, snapshot, context) {
            findings.append(f)
        }
        return findings
    }

    private func finding(cluster c: ClusterStats?, rbac: [KeyCount], external: Int, rbacOverride: Int? = nil,
                         denominator: Int, _ snapshot: Snapshot, _ context: DiagnosisContext) -> Finding? {
        let rbacCount = rbacOverride ?? rbac.reduce(0) { $0 + $1.count }
        let count = rbacCount + external
        guard let raw = SeverityPolicy.failures(count, of: denominator, context.thresholds) else { return nil }
        let policies = rbac.map { (RBACPolicy(detail: $0.key), $0.count) }
        var keys: [String] = []
        if external > rbacCount { keys = ["ext-authz"] }
        if policies.contains(where: { $0.0.name != nil }) { keys.append("deny-policy") }
        if policies.contains(where: { $0.0.isNone }) { keys += ["no-allow", "identity"] }
        let name = c.map { ServiceTarget.displayName($0.name) } ?? "all destinations"
        let share = SeverityPolicy.share(count, of: denominator)
        var facts = [Fact("Denied", "\(Format.thousands(count)) of \(Format.thousands(denominator)) requests to \(name) (\(Format.percent(share)))"),
                     Fact("By", "AuthorizationPolicy (RBAC) ×\(Format.thousands(rbacCount)), external authorization (UAEX) ×\(Format.thousands(external))")]
        if !policies.isEmpty {
            facts.append(Fact("Matched policies", policies.prefix(4).map { "\($0.0.label) ×\(Format.thousands($0.1))" }.joined(separator: ", ")))
        }
        var target = c.map { ServiceTarget($0.name) } ?? .generic
        let policy = policies.first { $0.0.name != nil }?.0
        if target.namespace == ServiceTarget.generic.namespace, let ns = policies.first(where: { $0.0.namespace != nil })?.0.namespace {
            target.namespace = ns
        }
        var p = Placeholders(target: target, pod: snapshot.clientPod(for: c?.name.name))
        if let policy { p.set("policy", policy.label) }
        let k = FindingKnowledgeBase.entry(Self.id)
        let samples = snapshot.recentLines.reversed().filter { line in
            (line.code == 403 || line.flags.contains(.unauthorizedExternalService))
                && (c == nil || line.cluster.map { ClusterKey.normalized($0) == c?.name.name } ?? false)
        }.prefix(5).map(\.text)
        return Finding(
            id: Self.id, severity: raw.capped(at: .warning),
            title: "Access denied on \(Format.percent(share)) of requests to \(name) (\(Format.thousands(count)) of \(Format.thousands(denominator)))",
            subject: c?.name.name ?? "-",
            evidence: Evidence(facts: facts, window: nil, samples: Array(samples)),
            explanation: k.causes(first: keys), fixes: k.fixes(p), verify: k.verify(p),
            impact: SeverityPolicy.share(count, of: snapshot.requests))
    }
}
