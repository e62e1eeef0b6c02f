import AccessLog

/// Renders knowledge entries as the plain text `meshlog explain` prints (generic placeholders).
enum ExplainText {
    static let width = 100

    static func flag(_ k: FlagKnowledge) -> String {
        let p = Placeholders()
        var out = ["\(k.flag.shortName) — \(k.flag.longName)", k.flag.meaning, ""]
        out += wrap(k.meaning, indent: "")
        out.append("")
        out.append("Applies to: " + (k.flag.appliesToTCP ? "HTTP and TCP" : "HTTP")
                   + (k.flag.isFailure ? "" : " (informational, not a failure)"))
        out += numbered("Usual causes", k.causes)
        out += bulleted("What to check", k.checks)
        out += fixes(k.fixes.map { p.fill($0) })
        out += commands(k.verify.map { p.fill($0) })
        if let id = k.finding {
            out.append("")
            out.append("Diagnosed from traffic as: \(id.rawValue)   (meshlog explain \(id.rawValue))")
        }
        return out.joined(separator: "\n")
    }

    static func finding(_ k: FindingKnowledge) -> String {
        let p = Placeholders()
        var out = [k.id.rawValue, k.summary, ""]
        out += wrap("Signature: " + k.signature, indent: "")
        out += wrap("Thresholds: " + k.thresholds, indent: "")
        out.append("Title: " + String(k.titleTemplate.map { $0 == "{" ? "<" : $0 == "}" ? ">" : $0 }))
        if !k.flags.isEmpty {
            out.append("Flags: " + k.flags.map { "\($0.shortName) (\($0.longName))" }.joined(separator: ", "))
        }
        out += numbered("Likely causes", k.causes.map(\.text))
        out += fixes(k.fixes.map { p.fill($0) })
        out += commands(k.verify.map { p.fill($0) })
        return out.joined(separator: "\n")
    }

    static func numbered(_ title: String, _ items: [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        var out = ["", title + ":"]
        for (i, item) in items.enumerated() {
            let lines = wrap(item, indent: "     ")
            out.append("  \(i + 1). " + lines[0].drop(while: { $0 == " " }))
            out += lines.dropFirst()
        }
        return out
    }

    static func bulleted(_ title: String, _ items: [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        var out = ["", title + ":"]
        for item in items {
            let lines = wrap(item, indent: "    ")
            out.append("  - " + lines[0].drop(while: { $0 == " " }))
            out += lines.dropFirst()
        }
        return out
    }

    static func fixes(_ fixes: [Fix]) -> [String] {
        guard !fixes.isEmpty else { return [] }
        var out = ["", "Fix:"]
        for fix in fixes {
            out.append("  # \(fix.title) (\(fix.language))")
            out += fix.body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return out
    }

    static func commands(_ commands: [String]) -> [String] {
        guard !commands.isEmpty else { return [] }
        return ["", "Verify:"] + commands.map { "  $ " + $0 }
    }

    /// Word-wraps at `width` columns, every line starting with `indent`; words longer than a line stay whole.
    static func wrap(_ text: String, indent: String) -> [String] {
        Format.wrap(text, width: width, lead: indent, hanging: indent)
    }
}
