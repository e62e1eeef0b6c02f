import AccessLog

/// DF: the dynamic forward proxy could not resolve the destination host.
public struct DNSFailureRule: DiagnosisRule {
    public static let id = FindingID.dnsFailure
    public init() {}

    public func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.dnsResolutionFailed], in: snapshot).compactMap { o -> Finding? in
            guard let severity = SeverityPolicy.failures(o.count, of: o.denominator, context.thresholds) else {
                return nil
            }
            var p = FlagFinding.placeholders(o, snapshot)
            var facts: [Fact] = []
            if let destination = o.cluster?.destinations.first(where: { !$0.isOther }) {
                p = ExternalDestination(destination.key).placeholders(p)
                facts.append(Fact("Destinations", FlagFinding.list(o.cluster?.destinations ?? [])))
            }
            let causes = FindingKnowledgeBase.entry(Self.id).causes(first: ["nxdomain", "resolver"])
            return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts, placeholders: p)
        }
    }
}
