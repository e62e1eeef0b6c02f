import AccessLog

/// NC: a route names a cluster the proxy lacks — almost always a subset no DestinationRule defines.
public struct ClusterNotFoundRule: DiagnosisRule {
    public static let id = FindingID.clusterNotFound
    public init() {}

    public func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.noClusterFound], in: snapshot).compactMap { o -> Finding? in
            guard let severity = SeverityPolicy.failures(o.count, of: o.denominator, context.thresholds) else {
                return nil
            }
            let causes = FindingKnowledgeBase.entry(Self.id).causes(first: ["subset-undefined", "ordering"])
            return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes)
        }
    }
}
