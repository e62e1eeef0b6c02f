import AccessLog

/// BlackHoleCluster (TCP `0 UH`) and route `block_all` (HTTP 502 direct_response): outbound traffic
/// blocked by `outboundTrafficPolicy: REGISTRY_ONLY`.
struct BlackholeTrafficRule: DiagnosisRule {
    public static let id = FindingID.blackholeTraffic
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let blackhole = snapshot.clusters.first { $0.name.special == .blackHole }
        let tcpBlocked = blackhole?.requests ?? 0
        let httpBlocked = snapshot.routes.first { $0.key == "block_all" }?.count ?? 0
        let blocked = tcpBlocked + httpBlocked
        guard let severity = SeverityPolicy.failures(blocked, of: snapshot.requests, context.thresholds) else { return [] }
        let share = SeverityPolicy.share(blocked, of: snapshot.requests)
        let destinations = (blackhole?.destinations ?? []).filter { !$0.isOther && !ClusterKey.isNone($0.key) }
        var facts = [
            Fact("Blocked", "\(Format.thousands(blocked)) of \(Format.thousands(snapshot.requests)) requests (\(Format.percent(share)))"),
            Fact("How", "BlackHoleCluster (TCP) ×\(Format.thousands(tcpBlocked)), route block_all (HTTP 502) ×\(Format.thousands(httpBlocked))"),
        ]
        if !destinations.isEmpty { facts.append(Fact("Destinations", FlagFinding.list(destinations))) }
        let pod = snapshot.clientPod(for: blackhole?.name.name)
        let base = Placeholders(target: .generic, pod: pod).with("cluster", "BlackHoleCluster")
        let http = httpBlocked > tcpBlocked
        let namespace = snapshot.likelyClientNamespace
        var fixes = destinations.prefix(3).map {
            ExternalDestination($0.key).placeholders(base, http: http, namespace: namespace).fill(IstioSnippets.serviceEntry)
        }
        if fixes.isEmpty { fixes = [base.fill(IstioSnippets.serviceEntry)] }
        fixes.append(base.fill(IstioSnippets.outboundTrafficPolicy))
        var samples = ClusterSamples.lines(for: "BlackHoleCluster", in: snapshot)
        for line in snapshot.recentLines.reversed() where samples.count < 5 && line.text.contains("block_all") {
            samples.append(line.text)
        }
        let k = FindingKnowledgeBase.entry(Self.id)
        return [Finding(
            id: Self.id, severity: severity,
            title: "\(Format.thousands(blocked)) requests (\(Format.percent(share))) blocked by REGISTRY_ONLY (BlackHoleCluster / block_all)",
            subject: "BlackHoleCluster",
            evidence: Evidence(facts: facts, window: nil, samples: samples),
            explanation: k.causes(first: ["missing-service-entry", "registry-only"]), fixes: fixes, verify: k.verify(base),
            impact: share)]
    }
}
