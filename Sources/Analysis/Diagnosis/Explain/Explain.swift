import AccessLog

/// `meshlog explain`: what a response flag or a finding means, its usual causes, the fix and the
/// commands that confirm it — without a log. Placeholders such as `<service>` stand for real names.
public enum Explain {
    /// The explanation for a flag (short or long name, any case: `uo`, `UpstreamOverflow`) or a
    /// finding id (`circuit-breaker-overflow`); nil when the name is unknown.
    public static func text(for query: String) -> String? {
        let name = query.trimmingCharacters(in: " \t%")
        // Exact names first: `local-reset` is the finding, `LocalReset` / `LR` the flag.
        if let id = FindingID(rawValue: name.lowercased()) { return ExplainText.finding(FindingKnowledgeBase.entry(id)) }
        if let flag = ResponseFlag(name: name) { return ExplainText.flag(FlagKnowledgeBase.entry(flag)) }
        if let flag = flag(named: name) { return ExplainText.flag(FlagKnowledgeBase.entry(flag)) }
        if let id = findingID(named: name) { return ExplainText.finding(FindingKnowledgeBase.entry(id)) }
        return nil
    }

    /// Every flag (short name, long name, meaning) and every finding id (summary), as a table.
    public static func list() -> String {
        var lines = ["Response flags (meshlog explain <FLAG>):"]
        for flag in ResponseFlag.allCases {
            lines.append("  " + pad(flag.shortName, 6) + pad(flag.longName, 34) + flag.meaning)
        }
        lines.append("")
        lines.append("Findings (meshlog explain <finding-id>):")
        for id in FindingID.allCases {
            lines.append("  " + pad(id.rawValue, 34) + id.summary)
        }
        return lines.joined(separator: "\n")
    }

    /// Known names close to `query` (prefix, substring or small edit distance), best first.
    public static func suggestions(for query: String, limit: Int = 5) -> [String] {
        let q = normalised(query)
        guard !q.isEmpty else { return [] }
        var scored: [(String, Int)] = []
        for name in allNames {
            let n = normalised(name)
            let score: Int
            if n.hasPrefix(q) { score = 0 }
            else if n.contains(q) { score = 1 }
            else {
                let d = editDistance(q, n)
                guard d <= max(2, q.count / 3) else { continue }
                score = 1 + d
            }
            scored.append((name, score))
        }
        var seen = Set<String>()
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// Every name `text(for:)` accepts, as printed.
    static var allNames: [String] {
        ResponseFlag.allCases.map(\.shortName) + ResponseFlag.allCases.map(\.longName) + FindingID.allCases.map(\.rawValue)
    }

    /// A flag by a loosely written name (`upstream_overflow`).
    static func flag(named name: String) -> ResponseFlag? {
        let n = normalised(name)
        return ResponseFlag.allCases.first { normalised($0.longName) == n || normalised($0.shortName) == n }
    }

    static func findingID(named name: String) -> FindingID? {
        let n = normalised(name)
        return FindingID.allCases.first { normalised($0.rawValue) == n }
    }

    /// Lower case without `-`, `_` and spaces: `Upstream_Overflow` = `upstreamoverflow`.
    static func normalised(_ text: String) -> String {
        String(text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension String {
    /// Removes the given characters from both ends.
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
