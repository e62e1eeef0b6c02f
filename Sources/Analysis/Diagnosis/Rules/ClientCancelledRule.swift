import AccessLog

/// DC / DR: clients gave up. A few in a large volume is normal and reported as nothing or info;
/// only a large share is a warning. Durations tell a deadline apart from deliberate cancels.
public struct ClientCancelledRule: DiagnosisRule {
    public static let id = FindingID.clientCancelled
    public init() {}

    public func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let flags: [ResponseFlag] = [.downstreamConnectionTermination, .downstreamRemoteReset]
        return FlagOccurrence.find(flags, in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.cancellations($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                var keys = ["deliberate", "deadline", "client-shutdown"]
                var facts: [Fact] = []
                let cancelled = o.stats.map(\.latency).max { $0.count < $1.count }
                if let cancelled, cancelled.count > 0, let c = o.cluster, c.latency.count > 0 {
                    facts.append(Fact("Clients waited", "p50 \(Fmt.ms(cancelled.p50)) before cancelling; all requests: p50 \(Fmt.ms(c.latency.p50)), p90 \(Fmt.ms(c.latency.p90))"))
                    if cancelled.p50 >= c.latency.p90 { keys = ["deadline", "deliberate", "client-shutdown"] }
                }
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                let scope = o.cluster != nil ? "requests to \(o.displayName)" : "all requests"
                let title = "\(o.flagLabel): clients cancelled \(Fmt.percent(o.share)) of \(scope) "
                    + "(\(Fmt.count(o.count)) of \(Fmt.count(o.denominator)))"
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes, title: title, extraFacts: facts)
            }
    }
}
