import AccessLog

/// UMSDR / DT: upstream streams (the cluster's max stream duration) or connections (max connection
/// duration) hit their maximum; the fix touches the limit that fired.
struct MaxStreamDurationRule: DiagnosisRule {
    public static let id = FindingID.maxStreamDuration
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let flags: [ResponseFlag] = [.upstreamMaxStreamDurationReached, .durationTimeout]
        return FlagOccurrence.find(flags, in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let durationTimeouts = o.cluster?.count(of: .durationTimeout)
                    ?? o.stats.first { $0.flag == .durationTimeout }?.count ?? 0
                let tcp = (o.cluster?.tcp ?? 0) > 0
                let mostlyDT = durationTimeouts * 2 > o.count
                let keys = mostlyDT || tcp
                    ? ["tcp-max-duration", "streaming-timeout"]
                    : ["streaming-timeout", "duration-header", "http-connection-duration"]
                var facts: [Fact] = []
                if let latency = o.stats.map(\.latency).max(by: { $0.count < $1.count }), latency.count > 0 {
                    facts.append(Fact("Ended after", "p50 \(Format.duration(milliseconds: latency.p50)), max \(Format.duration(milliseconds: latency.max)) (≈ the configured maximum)"))
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                // DT is the connection's max duration (`maxConnectionDuration`), UMSDR the cluster's max
                // stream duration: the fix touches the one that fired.
                let p = FlagFinding.placeholders(o, snapshot)
                let fix = mostlyDT ? IstioSnippets.maxConnectionDuration : IstioSnippets.maxStreamDuration
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, extraFacts: facts,
                                        placeholders: p, fixes: [p.fill(fix)])
            }
    }
}
