import AccessLog
import Analysis

extension TextReportWriter {
    mutating func findingsSection(_ findings: [Finding]) {
        let serious = findings.filter(\.needsAttention).count
        section("Findings (\(findings.count)\(serious > 0 ? ", \(serious) \(serious == 1 ? "needs" : "need") attention" : ""))")
        if findings.isEmpty {
            emit("  No findings: nothing in this traffic needs attention.")
            return
        }
        for (index, finding) in findings.enumerated() {
            if index > 0 { emit() }
            // Advice ranks last; it gets its own heading so it never reads as part of an incident.
            if finding.kind == .advice, index == 0 || findings[index - 1].kind != .advice {
                emit("  " + style.bold(FindingKind.advice.heading) + " (no request failed because of it)")
                emit()
            }
            finding.needsAttention ? detailed(finding) : brief(finding)
        }
    }

    private func label(_ severity: Severity) -> String {
        let text = Format.padded(severity.name.uppercased(), toWidth: 8)
        switch severity {
        case .critical: return style.red(text)
        case .warning: return style.yellow(text)
        case .info: return style.cyan(text)
        }
    }

    private mutating func headline(_ finding: Finding) {
        let lines = Self.wrap(safe(finding.title) + "  [\(finding.id.rawValue)]", lead: "", hanging: 0, width: width - 11)
        for (i, line) in lines.enumerated() {
            emit((i == 0 ? "  " + label(finding.severity) + " " : String(repeating: " ", count: 11)) + style.bold(line))
        }
        if !finding.subject.isEmpty { emitWrapped(safe(finding.subject), lead: "           subject: ", hanging: 20) }
    }

    private mutating func fact(_ fact: Fact) {
        emitWrapped("\(safe(fact.label)): \(safe(fact.value))", lead: "           · ", hanging: 13)
    }

    private mutating func brief(_ finding: Finding) {
        headline(finding)
        for f in finding.evidence.facts.prefix(2) { fact(f) }
    }

    private mutating func detailed(_ finding: Finding) {
        headline(finding)
        for f in finding.evidence.facts { fact(f) }
        if let window = finding.evidence.window { emit("           · window: \(safe(window))") }
        for sample in finding.evidence.samples.prefix(2) {
            emit("           " + style.dim("e.g. " + Format.truncated(safe(sample), toWidth: max(20, width - 16))))
        }
        if let cause = finding.explanation.first { emitWrapped(safe(cause), lead: "           likely cause: ", hanging: 13) }
        for other in finding.explanation.dropFirst().prefix(2) { emitWrapped(safe(other), lead: "           or: ", hanging: 15) }
        if let fix = finding.fixes.first {
            emitWrapped(safe(fix.title), lead: "           fix: ", hanging: 16)
            for line in fix.body.split(separator: "\n", omittingEmptySubsequences: false) {
                emit("             " + safe(String(line)))
            }
        }
        for command in finding.verify.prefix(2) { emit("           verify: " + style.green(safe(command))) }
    }
}
