import AccessLog

/// OM / DO / UDO: the proxy shed load itself (overload manager, drop-overload policies).
struct OverloadManagerRule: DiagnosisRule {
    public static let id = FindingID.overloadManager
    public init() {}

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let flags: [ResponseFlag] = [.overloadManagerTerminated, .dropOverload, .unconditionalDropOverload]
        return FlagOccurrence.find(flags, in: snapshot)
            .ranked(limit: context.maxFindingsPerRule) { SeverityPolicy.failures($0.count, of: $0.denominator, context.thresholds) }
            .map { o, severity -> Finding in
                let overload = o.cluster?.count(of: .overloadManagerTerminated)
                    ?? o.stats.first { $0.flag == .overloadManagerTerminated }?.count ?? 0
                let keys = overload * 2 >= o.count ? ["proxy-resources", "connection-limit"] : ["drop-overload", "proxy-resources"]
                let causes = FindingKnowledgeBase.entry(Self.id).causes(first: keys)
                return FlagFinding.make(Self.id, severity, o, snapshot, causes: causes)
            }
    }
}
