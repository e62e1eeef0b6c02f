import AccessLog

/// DF: the dynamic forward proxy could not resolve the destination host.
struct DNSFailureRule: DiagnosisRule {
    public static let id = FindingID.dnsFailure
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.dnsResolutionFailed], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var p = FlagFinding.placeholders(o, snapshot)
                var facts: [Fact] = []
                if let destination = o.cluster?.destinations.first(where: { !$0.isOther }) {
                    let http = (o.cluster.map { $0.http1 + $0.http2 > $0.tcp }) ?? false
                    p = ExternalDestination(destination.key).placeholders(p, http: http, namespace: snapshot.likelyClientNamespace)
                    facts.append(Fact("Destinations", FlagFinding.list(o.cluster?.destinations ?? [])))
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: ["nxdomain", "resolver"])
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts, placeholders: p)
            }
    }
}
