import AccessLog

/// FI / DI: fault injection configured in a VirtualService. Aborts (FI) are failures that reach
/// clients; delays (DI) alone are a warning from `warningCount` delayed requests.
public struct FaultInjectionRule: DiagnosisRule {
    public static let id = FindingID.faultInjection
    public init() {}

    public func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        return FlagOccurrence.find([.faultInjected, .delayInjected], in: snapshot).compactMap { o -> Finding? in
            let aborted = o.cluster?.count(of: .faultInjected) ?? o.stats.first { $0.flag == .faultInjected }?.count ?? 0
            let delayed = o.cluster?.count(of: .delayInjected) ?? o.stats.first { $0.flag == .delayInjected }?.count ?? 0
            let abortSeverity = SeverityPolicy.failures(aborted, of: o.denominator, t)
            let delaySeverity: Severity? = delayed == 0 ? nil : (delayed >= t.warningCount ? .warning : .info)
            guard let severity = [abortSeverity, delaySeverity].compactMap({ $0 }).max() else { return nil }
            let facts = [Fact("Aborted (FI) / delayed (DI)", "\(Fmt.count(aborted)) / \(Fmt.count(delayed))")]
            let keys = ["leftover", "broad-match"]
            var causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
            if delayed > 0 {
                causes.append("Delayed requests also count against client deadlines and route timeouts: expect UT/DC next to DI.")
            }
            return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes,
                                    title: FlagFinding.title(o, label: "Fault injection (\(o.flagLabel))"), extraFacts: facts)
        }
    }
}
