import AccessLog

/// UC: the service closes connections under requests. Spread over hosts → keep-alive race;
/// concentrated on one host → that pod restarting.
struct UpstreamConnectionTerminationRule: DiagnosisRule {
    public static let id = FindingID.upstreamConnectionTermination
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamConnectionTermination], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var keys = ["keepalive-race", "restart", "mtls-plaintext"]
                var facts: [Fact] = []
                if let c = o.cluster, c.realHosts.count >= 2 {
                    let affected = c.realHosts.filter { $0.count(of: .upstreamConnectionTermination) > 0 }.count
                    facts.append(Fact("Hosts affected", "\(affected) of \(c.realHosts.count)"))
                    if affected == 1 { keys = ["restart", "app-close", "keepalive-race"] }
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts)
            }
    }
}
