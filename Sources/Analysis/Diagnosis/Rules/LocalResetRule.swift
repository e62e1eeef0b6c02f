import AccessLog

/// LR: the proxy reset upstream streams itself (draining, premature upstream close).
struct LocalResetRule: DiagnosisRule {
    public static let id = FindingID.localReset
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.localReset], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let premature = o.mentions("premature", in: snapshot) + o.mentions("half_close", in: snapshot)
                let keys = premature > 0 ? ["premature-close", "draining"] : ["draining", "premature-close"]
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes)
            }
    }
}
