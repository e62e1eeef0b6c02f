/// Runs every rule on a snapshot and ranks the findings: advice last, most severe first, then most impactful,
/// then by finding id (declaration order) and subject, so the order is stable between refreshes.
///
/// Cheap enough for the TUI's four refreshes a second: each rule is a linear pass over the
/// snapshot's bounded lists, and text is only built for findings that qualify.
public struct Diagnoser: Sendable {
    public var context: DiagnosisContext
    /// The rules run, `DiagnosisRules.all` by default.
    public var rules: [any DiagnosisRule]

    public init(context: DiagnosisContext = .init()) {
        self.context = context
        self.rules = DiagnosisRules.all
    }

    /// A diagnoser with a chosen set of rules (tests, or a subset for a view).
    public init(context: DiagnosisContext = .init(), rules: [any DiagnosisRule]) {
        self.context = context
        self.rules = rules
    }

    /// All findings for the snapshot, ranked, each rule capped at `context.maxFindingsPerRule`,
    /// one cause reported once (see `FindingDeduplication`).
    public func diagnose(_ snapshot: Snapshot) -> [Finding] {
        var findings: [Finding] = []
        for rule in rules {
            let found = rule.evaluate(snapshot, context: context)
            if found.count <= context.maxFindingsPerRule {
                findings += found
            } else {
                findings += found.sorted(by: Diagnoser.ranksBefore).prefix(context.maxFindingsPerRule)
            }
        }
        return FindingDeduplication.apply(findings).sorted(by: Diagnoser.ranksBefore)
    }

    /// The ranking order: advice after every traffic or balance finding, then severity desc,
    /// impact desc, id (declaration order), subject, title.
    public static func ranksBefore(_ a: Finding, _ b: Finding) -> Bool {
        if (a.kind == .advice) != (b.kind == .advice) { return b.kind == .advice }
        if a.severity != b.severity { return a.severity > b.severity }
        if a.impact != b.impact { return a.impact > b.impact }
        let ia = a.id.order, ib = b.id.order
        if ia != ib { return ia < ib }
        if a.subject != b.subject { return a.subject < b.subject }
        return a.title < b.title
    }
}

extension FindingID {
    /// Position in declaration order (the tie-breaker in ranking).
    var order: Int { FindingID.orderTable[self] ?? 0 }
    private static let orderTable: [FindingID: Int] = Dictionary(
        uniqueKeysWithValues: FindingID.allCases.enumerated().map { ($1, $0) })
}
