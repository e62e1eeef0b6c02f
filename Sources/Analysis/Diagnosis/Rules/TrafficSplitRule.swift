import AccessLog

/// The observed share per subset of each service (info). With `--expect-split` a warning when a
/// subset deviates by more than max(`splitMinDeviationPoints`, `splitSigmas` σ of a binomial).
struct TrafficSplitRule: DiagnosisRule {
    public static let id = FindingID.trafficSplit
    public init() {}

    /// Requests per subset of one service port.
    struct Group {
        let fqdn: String
        let port: Int
        var subsets: [(name: String, requests: Int, cluster: ClusterName)]
        var total: Int { subsets.reduce(0) { $0 + $1.requests } }
    }

    /// One subset compared with the plan (shares in percent).
    struct Deviation {
        let subset: String
        let observed: Double
        let expected: Double
        let allowed: Double
        var exceeds: Bool { abs(observed - expected) > allowed }
    }

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        Self.groups(snapshot).compactMap { group in
            let expected = context.expectedSplit.flatMap { Self.normalised($0) }
            let planned = expected.map { plan in group.subsets.contains { plan[$0.name] != nil } } ?? false
            guard group.total > 0, group.subsets.count >= 2 || planned else { return nil }
            let deviations = planned ? Self.deviations(group, expected ?? [:], context.thresholds) : []
            return finding(group, deviations: deviations, planned: planned, snapshot)
        }
    }

    static func groups(_ snapshot: Snapshot) -> [Group] {
        var groups: [Group] = []
        for c in snapshot.clusters where c.name.direction == .outbound && c.requests > 0 {
            guard let fqdn = c.name.fqdn, let port = c.name.port, let subset = c.name.subset else { continue }
            if let i = groups.firstIndex(where: { $0.fqdn == fqdn && $0.port == port }) {
                groups[i].subsets.append((subset, c.requests, c.name))
            } else {
                groups.append(Group(fqdn: fqdn, port: port, subsets: [(subset, c.requests, c.name)]))
            }
        }
        return groups
    }

    /// Percentages summing to 100, or nil when the plan is empty.
    static func normalised(_ plan: [String: Double]) -> [String: Double]? {
        let sum = plan.values.reduce(0, +)
        guard sum > 0 else { return nil }
        return plan.mapValues { $0 / sum * 100 }
    }

    static func deviations(_ group: Group, _ plan: [String: Double], _ t: DiagnosisThresholds) -> [Deviation] {
        let n = Double(group.total)
        let names = plan.keys.sorted() + group.subsets.map(\.name).filter { plan[$0] == nil }.sorted()
        return names.map { name in
            let observed = Double(group.subsets.first { $0.name == name }?.requests ?? 0) / n * 100
            let expected = plan[name] ?? 0
            let p = expected / 100
            let sigma = (p * (1 - p) / n).squareRoot() * 100
            return Deviation(subset: name, observed: observed, expected: expected,
                             allowed: max(t.splitMinDeviationPoints, t.splitSigmas * sigma))
        }
    }

    private func finding(_ group: Group, deviations: [Deviation], planned: Bool, _ snapshot: Snapshot) -> Finding {
        let sorted = group.subsets.sorted { $0.requests > $1.requests }
        let split = sorted.map { "\($0.name) \(Format.percent(SeverityPolicy.share($0.requests, of: group.total)))" }.joined(separator: ", ")
        let first = sorted[0].cluster
        var target = ServiceTarget(first)
        target.subset = nil
        let name = "\(first.serviceName ?? group.fqdn)\(first.namespace.map { ".\($0)" } ?? ""):\(group.port)"
        var facts = [Fact("Requests", "\(Format.thousands(group.total)) to \(name) over \(group.subsets.count) subset(s)")]
        facts += sorted.map { Fact("Subset \($0.name)", "\(Format.thousands($0.requests)) (\(Format.percent(SeverityPolicy.share($0.requests, of: group.total))))") }
        let off = deviations.filter(\.exceeds)
        for d in deviations {
            facts.append(Fact("\(d.subset) vs plan", "observed \(Format.percent(d.observed / 100)), expected \(Format.percent(d.expected / 100)), allowed ± \(Format.fixed(d.allowed, decimals: 1)) points"))
        }
        var title = "\(name) split: \(split)"
        if planned {
            title += off.isEmpty ? " (matches the expected split)"
                : " — expected " + deviations.map { "\($0.subset) \(Format.percent($0.expected / 100, decimals: 0))" }.joined(separator: ", ")
        }
        let weights = planned
            ? deviations.filter { $0.expected > 0 }.map { ($0.subset, $0.expected) }
            : sorted.map { ($0.name, Double($0.requests) / Double(group.total) * 100) }
        let p = Placeholders(target: target, pod: snapshot.clientPod(for: first.name))
        let k = FindingKnowledgeBase.entry(Self.id)
        return Finding(
            id: Self.id, severity: off.isEmpty ? .info : .warning, title: title, subject: "\(group.fqdn):\(group.port)",
            evidence: Evidence(facts: facts),
            explanation: off.isEmpty ? ["Observed split per subset; pass --expect-split v1=90,v2=10 to compare it with the plan."]
                : k.causes(first: ["weights", "other-route", "subset-labels", "sticky"]),
            fixes: [Fix(title: "Set the intended weights in the VirtualService for \(group.fqdn)",
                        body: Self.virtualService(p, fqdn: group.fqdn, port: group.port, weights: weights, planned: planned))],
            verify: k.verify(p), impact: off.isEmpty ? 0 : SeverityPolicy.share(group.total, of: snapshot.requests))
    }

    /// A VirtualService with one weighted destination per subset (weights rounded to sum to 100).
    /// Without an expectation (`planned` false) the weights are placeholders, with the observed
    /// share as a comment: the observed split is not the intended one.
    static func virtualService(_ p: Placeholders, fqdn: String, port: Int, weights: [(String, Double)],
                               planned: Bool = true) -> String {
        var rounded = weights.map { ($0.0, Int($0.1.rounded())) }
        let diff = 100 - rounded.reduce(0) { $0 + $1.1 }
        if let i = rounded.indices.max(by: { rounded[$0].1 < rounded[$1].1 }) { rounded[i].1 += diff }
        var yaml = p.fill("""
            # Merge into the VirtualService that routes {fqdn} (kubectl edit virtualservice -n {namespace} <name>):
            # set the weights on its existing route; applying this whole object would replace its other routes.
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: {service}
              namespace: {namespace}
            spec:
              hosts:
              - {fqdn}
              http:
              - route:
            """)
        for (subset, weight) in rounded {
            let value = planned ? String(weight) : "<intended-percent>   # observed \(weight)%"
            yaml += "\n    - destination:\n        host: \(fqdn)\n        port:\n          number: \(port)\n        subset: \(subset)\n      weight: \(value)"
        }
        return yaml
    }
}
