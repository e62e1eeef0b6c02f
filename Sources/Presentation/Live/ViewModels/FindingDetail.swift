import AccessLog
import Analysis

/// A finding: evidence, samples, explanation, fixes (YAML) and verify commands.
enum FindingDetail {
    static func rows(_ id: FindingID, subject: String, data: LiveData, width: Int) -> [ModelRow] {
        guard let finding = data.findings.first(where: { $0.id == id && $0.subject == subject }) else {
            return DetailRows.gone("Finding \(id.rawValue) on \(subject)")
        }
        var rows: [ModelRow] = []
        let tag = StatusStyle.findingTag(finding)
        let wrapped = ScreenText.wrap(finding.title, width: max(10, width - 8))
        for (i, line) in wrapped.enumerated() {
            rows.append(ModelRow([TextSpan(" "), TextSpan(i == 0 ? tag.text : "", tag.style, width: 4),
                                  TextSpan("  "), TextSpan(line, .bold)]))
        }
        rows.append(.blank)
        let cluster = data.snapshot.clusters.first { $0.name.name == finding.subject }
        rows.append(.fact("subject", finding.subject, cluster == nil ? .plain : Style(.accent),
                          target: cluster.map { .cluster($0.name.name) }))
        rows.append(.fact("finding id", finding.id.rawValue + "   (meshlog explain " + finding.id.rawValue + ")"))
        rows.append(.fact("kind", finding.kind.name + (finding.kind == .advice ? " (logging/configuration; never trips --fail-on)" : "")))
        rows.append(.fact("impact", Format.percent(finding.impact) + " of requests"))
        if let cause = finding.causedBy { rows.append(.fact("caused by", cause.rawValue)) }
        if let window = finding.evidence.window { rows.append(.fact("window", window)) }
        if !finding.evidence.facts.isEmpty {
            rows += [.blank, .heading("Evidence")]
            let longest = finding.evidence.facts.map { CharacterWidth.columns(of: $0.label) }.max() ?? 0
            let labelWidth = max(22, min(longest + 1, width / 2))
            for fact in finding.evidence.facts {
                let valueWidth = max(10, width - labelWidth - 5)
                for (i, line) in ScreenText.wrap(fact.value, width: valueWidth).enumerated() {
                    rows.append(.fact(i == 0 ? fact.label : "", line, labelWidth: labelWidth))
                }
            }
        }
        rows += DetailRows.samples("Sample lines", finding.evidence.samples)
        if !finding.explanation.isEmpty {
            rows += [.blank, .heading("Likely causes")]
            for cause in finding.explanation { rows += ModelRow.wrapped("• " + cause, width: width, hanging: "  ") }
        }
        for fix in finding.fixes {
            rows += [.blank, .heading("Fix: " + fix.title)]
            for line in fix.body.split(separator: "\n", omittingEmptySubsequences: false) {
                rows.append(.text(String(line), line.drop(while: { $0 == " " }).hasPrefix("#") ? .muted : Style(.ok), indent: 4))
            }
        }
        if !finding.verify.isEmpty {
            rows += [.blank, .heading("Verify")]
            for command in finding.verify {
                rows += ScreenText.wrap("$ " + command, width: max(10, width - 2), hanging: "    ").map { .text($0, Style(.accent)) }
            }
        }
        return rows
    }
}
