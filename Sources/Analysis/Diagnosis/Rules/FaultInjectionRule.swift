import AccessLog

/// FI / DI: fault injection configured in a VirtualService. Aborts (FI) are failures that reach
/// clients; delays (DI) alone are a warning from `warningCount` delayed requests.
struct FaultInjectionRule: DiagnosisRule {
    public static let id = FindingID.faultInjection
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        return FlagOccurrence.find([.faultInjected, .delayInjected], in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { Self.severity($0, t) }
            .map { o, severity -> Finding in
                let aborted = Self.count(.faultInjected, o), delayed = Self.count(.delayInjected, o)
                let facts = [Fact("Aborted (FI) / delayed (DI)", "\(Format.thousands(aborted)) / \(Format.thousands(delayed))")]
                let keys = ["leftover", "broad-match"]
                var causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                if delayed > 0 {
                    causes.append("Delayed requests also count against client deadlines and route timeouts: expect UT/DC next to DI.")
                }
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes,
                                        title: FlagFinding.title(o, label: "Fault injection (\(o.flagLabel))"), extraFacts: facts)
            }
    }

    static func count(_ flag: ResponseFlag, _ o: FlagOccurrence) -> Int {
        o.cluster?.count(of: flag) ?? o.stats.first { $0.flag == flag }?.count ?? 0
    }

    /// Aborts follow the failure thresholds; delays alone are a warning from `warningCount`.
    static func severity(_ o: FlagOccurrence, _ t: DiagnosisThresholds) -> Severity? {
        let delayed = count(.delayInjected, o)
        let abortSeverity = SeverityPolicy.failures(count(.faultInjected, o), of: o.denominator, t)
        let delaySeverity: Severity? = delayed == 0 ? nil : (delayed >= t.warningCount ? .warning : .info)
        return [abortSeverity, delaySeverity].compactMap { $0 }.max()
    }
}
