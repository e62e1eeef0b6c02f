import AccessLog

/// NC: a route names a cluster the proxy lacks — almost always a subset no DestinationRule defines.
struct ClusterNotFoundRule: DiagnosisRule {
    public static let id = FindingID.clusterNotFound
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.noClusterFound], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: ["subset-undefined", "ordering"])
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes)
            }
    }
}
