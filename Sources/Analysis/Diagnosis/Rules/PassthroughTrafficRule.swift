import AccessLog

/// PassthroughCluster: traffic to destinations outside the mesh registry, allowed by ALLOW_ANY.
/// Info (a policy choice) for a trickle; a warning when a sizeable share of all traffic leaves the
/// mesh unmanaged, or when many of those calls fail.
struct PassthroughTrafficRule: DiagnosisRule {
    public static let id = FindingID.passthroughTraffic
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        return snapshot.clusters.filter { $0.name.special == .passthrough && $0.requests > 0 }.map { c in
            let failing = SeverityPolicy.share(c.errors, of: c.requests) >= t.criticalShare && c.errors >= t.criticalMinCount
            let sizeable = SeverityPolicy.share(c.requests, of: snapshot.requests) >= t.passthroughWarningShare
                && c.requests >= t.warningCount
            let destinations = c.destinations.filter { !$0.isOther && !ClusterKey.isNone($0.key) }
            var facts = [
                Fact("Requests via PassthroughCluster", "\(Format.thousands(c.requests)) (\(Format.percent(SeverityPolicy.share(c.requests, of: snapshot.requests))) of all)"),
                Fact("Protocols", "HTTP \(Format.thousands(c.http1 + c.http2)), TCP \(Format.thousands(c.tcp))"),
                Fact("Failed", "\(Format.thousands(c.errors)) (\(Format.percent(SeverityPolicy.share(c.errors, of: c.requests))))"),
            ]
            if !destinations.isEmpty { facts.append(Fact("Destinations", FlagFinding.list(destinations))) }
            let pod = snapshot.clientPod(for: c.name.name)
            let base = Placeholders(target: .generic, pod: pod).with("cluster", c.name.name)
            let k = FindingKnowledgeBase.entry(Self.id)
            let http = c.http1 + c.http2 > c.tcp
            let namespace = snapshot.likelyClientNamespace
            var fixes = destinations.prefix(3).map {
                ExternalDestination($0.key).placeholders(base, http: http, namespace: namespace).fill(IstioSnippets.serviceEntry)
            }
            if fixes.isEmpty { fixes = [base.fill(IstioSnippets.serviceEntry)] }
            fixes.append(base.fill(IstioSnippets.outboundTrafficPolicy))
            let title = "\(Format.thousands(c.requests)) requests (\(Format.percent(SeverityPolicy.share(c.requests, of: snapshot.requests)))) left the mesh via PassthroughCluster"
                + (destinations.isEmpty ? "" : " to \(destinations.count == 1 ? destinations[0].key : "\(destinations.count) destinations")")
            return Finding(
                id: Self.id, severity: failing || sizeable ? .warning : .info, title: title, subject: c.name.name,
                evidence: Evidence(facts: facts, window: nil, samples: ClusterSamples.lines(for: c.name.name, in: snapshot)),
                explanation: k.causes(first: ["no-service-entry", "allow-any"]), fixes: fixes, verify: k.verify(base),
                impact: SeverityPolicy.share(c.requests, of: snapshot.requests))
        }
    }
}
