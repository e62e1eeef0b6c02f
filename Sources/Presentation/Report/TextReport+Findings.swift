import Analysis

extension TextReportWriter {
    mutating func findingsSection(_ findings: [Finding]) {
        let serious = findings.filter { $0.severity >= .warning }.count
        section("Findings (\(findings.count)\(serious > 0 ? ", \(serious) need attention" : ""))")
        if findings.isEmpty {
            emit("  No findings: nothing in this traffic needs attention.")
            return
        }
        for (index, finding) in findings.enumerated() {
            if index > 0 { emit() }
            finding.severity >= .warning ? detailed(finding) : brief(finding)
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
        emit("  " + label(finding.severity) + " " + style.bold(safe(finding.title)) + "  " + style.dim("[\(finding.id.rawValue)]"))
        if !finding.subject.isEmpty { emit("           subject: " + safe(finding.subject)) }
    }

    private mutating func brief(_ finding: Finding) {
        headline(finding)
        for fact in finding.evidence.facts.prefix(2) { emit("           · \(safe(fact.label)): \(safe(fact.value))") }
    }

    private mutating func detailed(_ finding: Finding) {
        headline(finding)
        for fact in finding.evidence.facts { emit("           · \(safe(fact.label)): \(safe(fact.value))") }
        if let window = finding.evidence.window { emit("           · window: \(safe(window))") }
        for sample in finding.evidence.samples.prefix(2) {
            emit("           " + style.dim("e.g. " + Format.truncated(safe(sample), toWidth: max(20, width - 16))))
        }
        if let cause = finding.explanation.first { emit("           likely cause: " + safe(cause)) }
        for other in finding.explanation.dropFirst().prefix(2) { emit("           or: " + safe(other)) }
        if let fix = finding.fixes.first {
            emit("           fix: " + safe(fix.title))
            for line in fix.body.split(separator: "\n", omittingEmptySubsequences: false) {
                emit("             " + safe(String(line)))
            }
        }
        for command in finding.verify.prefix(2) { emit("           verify: " + style.green(safe(command))) }
    }
}
