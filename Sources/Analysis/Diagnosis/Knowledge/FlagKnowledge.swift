import AccessLog

/// What meshlog knows about one response flag, beyond `ResponseFlag.meaning`.
struct FlagKnowledge: Sendable {
    let flag: ResponseFlag
    /// A paragraph: what happened and where Envoy decided it.
    let meaning: String
    /// Usual causes, most common first.
    let causes: [String]
    /// What to look at to tell the causes apart.
    let checks: [String]
    let fixes: [FixTemplate]
    /// Commands with `{tokens}`.
    let verify: [String]
    /// The finding that diagnoses this flag from traffic, when there is one.
    let finding: FindingID?
}

/// Lookup of the flag knowledge base.
enum FlagKnowledgeBase {
    /// One entry per `ResponseFlag`, in Envoy's order.
    static let all: [FlagKnowledge] = {
        let entries = upstream + connection + downstream + policy + other
        return ResponseFlag.allCases.compactMap { flag in entries.first { $0.flag == flag } }
    }()

    static func entry(_ flag: ResponseFlag) -> FlagKnowledge {
        all.first { $0.flag == flag } ?? FlagKnowledge(
            flag: flag, meaning: flag.meaning, causes: [], checks: [], fixes: [], verify: [], finding: nil)
    }
}
