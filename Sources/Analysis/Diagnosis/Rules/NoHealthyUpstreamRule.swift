import AccessLog

/// UH on a mesh cluster: no ready endpoint, a subset selecting no pod, or everything ejected.
/// BlackHoleCluster's `UH` is left to `BlackholeTrafficRule`.
struct NoHealthyUpstreamRule: DiagnosisRule {
    public static let id = FindingID.noHealthyUpstream
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let occurrences = FlagOccurrence.find([.noHealthyUpstream, .failedLocalHealthCheck], in: snapshot,
                                              includeCluster: { $0.special != .blackHole })
        return occurrences
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var keys = ["no-endpoints", "ejected", "eds-delay"]
                var facts: [Fact] = []
                if let c = o.cluster {
                    let otherErrors = c.errors - o.count
                    if otherErrors > 0 {
                        keys = ["ejected", "no-endpoints"]
                        facts.append(Fact("Other errors on this cluster", "\(Format.thousands(otherErrors)) (hosts may have been ejected)"))
                    }
                    if let subset = c.name.subset {
                        keys.insert("subset-labels", at: 0)
                        facts.append(Fact("Subset", subset))
                    }
                    if o.count >= c.requests && c.requests > 0 {
                        facts.append(Fact("Requests served", "none: every request to \(o.displayName) found no endpoint"))
                    }
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                var p = FlagFinding.placeholders(o, snapshot)
                var fixes = [p.fill(IstioSnippets.outlierDetection)]
                if let subset = o.cluster?.name.subset {
                    p.set("subset", subset)
                    fixes.insert(p.fill(IstioSnippets.subsetDefinition), at: 0)
                }
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        placeholders: p, fixes: fixes)
            }
    }
}
