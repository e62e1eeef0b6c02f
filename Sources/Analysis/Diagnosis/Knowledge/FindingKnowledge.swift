import AccessLog

/// A likely cause of a finding. `key` lets a rule put the causes the evidence points at first.
struct Cause: Sendable {
    let key: String
    let text: String
    init(_ key: String, _ text: String) { self.key = key; self.text = text }
}

/// What meshlog knows about one finding id: how it is recognised, why it happens, how to fix it.
struct FindingKnowledge: Sendable {
    let id: FindingID
    /// One line, what the finding means.
    let summary: String
    /// How the title reads, with `{…}` for the numbers a rule fills in.
    let titleTemplate: String
    /// What in the log triggers it.
    let signature: String
    /// When it is info, warning or critical.
    let thresholds: String
    /// Flags this finding explains.
    let flags: [ResponseFlag]
    /// Likely causes, most common first.
    let causes: [Cause]
    let fixes: [FixTemplate]
    /// Commands with `{tokens}`.
    let verify: [String]

    /// Cause texts with the given keys first (in that order), then the rest in their usual order.
    func causes(first keys: [String]) -> [String] {
        var ordered: [String] = []
        for key in keys { if let cause = causes.first(where: { $0.key == key }) { ordered.append(cause.text) } }
        for cause in causes where !keys.contains(cause.key) { ordered.append(cause.text) }
        return ordered
    }

    /// Fixes and verify commands filled with the given names.
    func fixes(_ p: Placeholders) -> [Fix] { fixes.map { p.fill($0) } }
    func verify(_ p: Placeholders) -> [String] { verify.map { p.fill($0) } }
}

/// Lookup of the finding knowledge base.
enum FindingKnowledgeBase {
    /// One entry per `FindingID`, in declaration order.
    static let all: [FindingKnowledge] = {
        let entries = connections + errors + timeouts + routing + policy + hosts + grpc
        return FindingID.allCases.compactMap { id in entries.first { $0.id == id } }
    }()

    static func entry(_ id: FindingID) -> FindingKnowledge {
        // `all` has every id (tested); the fallback only keeps this total.
        all.first { $0.id == id } ?? FindingKnowledge(
            id: id, summary: id.rawValue, titleTemplate: id.rawValue, signature: "", thresholds: "", flags: [],
            causes: [], fixes: [], verify: [])
    }
}

public extension FindingID {
    /// One line: what this finding means.
    var summary: String { FindingKnowledgeBase.entry(self).summary }
}
