import AccessLog

/// URX: every attempt failed. When a cause flag (UF, UT, UC, UR, UO, UH) comes with it, that
/// cause is named first; the `Diagnoser` also ranks this finding below the cause's own finding.
struct RetriesExhaustedRule: DiagnosisRule {
    public static let id = FindingID.retriesExhausted
    public init() {}

    /// Flags whose own finding explains a URX on the same cluster, and that finding.
    static let causeFlags: [(ResponseFlag, FindingID)] = [
        (.upstreamConnectionFailure, .upstreamConnectFailure), (.upstreamRequestTimeout, .upstreamTimeout),
        (.upstreamConnectionTermination, .upstreamConnectionTermination), (.upstreamRemoteReset, .upstreamReset),
        (.upstreamOverflow, .circuitBreakerOverflow), (.noHealthyUpstream, .noHealthyUpstream),
    ]

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        FlagOccurrence.find([.upstreamRetryLimitExceeded], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let together = Self.causeFlags.compactMap { flag, id -> (ResponseFlag, FindingID, Int)? in
                    let n = Self.countTogether(flag, o, snapshot)
                    return n > 0 ? (flag, id, n) : nil
                }.sorted { $0.2 > $1.2 }
                // A cause explains the URX when it comes with at least half of them.
                let primary = together.first { $0.2 * 2 >= o.count }
                var keys = ["policy", "same-host"]
                if primary != nil {
                    keys = ["underlying", "policy", "same-host"]
                } else if o.mentions("via_upstream", in: snapshot) > 0 {
                    keys = ["app-errors", "same-host", "policy"]
                }
                var causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                if let primary {
                    causes.insert("Retries are exhausted because of \(primary.0.shortName) (\(primary.0.longName)): "
                                  + "the \(primary.1.rawValue) finding on this cluster is the primary one.", at: 0)
                }
                if let c = o.cluster, c.tcp * 2 > c.requests {
                    causes.append("On TCP, URX means the connect attempts were used up (logged as UF,URX).")
                }
                let facts = together.isEmpty ? [] : [Fact("Logged together with",
                    together.map { "\($0.0.shortName) ×\(Format.thousands($0.2))" }.joined(separator: ", "))]
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        causedBy: primary?.1)
            }
    }

    /// Records with both URX and `flag` on this occurrence's cluster (exact flag sets when the
    /// combination is the only one with URX, else the per-cluster count of `flag`, capped).
    static func countTogether(_ flag: ResponseFlag, _ o: FlagOccurrence, _ snapshot: Snapshot) -> Int {
        let globalTogether = snapshot.flagCombinations
            .filter { $0.flags.contains(.upstreamRetryLimitExceeded) && $0.flags.contains(flag) }
            .reduce(0) { $0 + $1.count }
        guard let c = o.cluster else { return globalTogether }
        let onCluster = min(c.count(of: flag), o.count)
        if snapshot.flagCombinations.isEmpty { return onCluster }
        return min(onCluster, globalTogether)
    }
}
