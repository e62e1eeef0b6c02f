import AccessLog
import Analysis

/// The one-shot text report: findings first, then the traffic behind them. Every string that
/// came from the log is made terminal-safe (control characters shown escaped).
public enum TextReport {
    public static func render(_ snapshot: Snapshot, findings: [Finding], options: TextReportOptions) -> String {
        var out = TextReportWriter(snapshot: snapshot, options: options)
        out.heading()
        out.findingsSection(findings.sorted(by: Diagnoser.ranksBefore))
        out.inputSection()
        out.flagsSection()
        out.codesSection()
        out.clustersSection()
        out.methodsSection()
        out.sourcesSection()
        return out.text
    }
}

/// Accumulates the report's lines; one method per section (see the extensions).
struct TextReportWriter {
    let snapshot: Snapshot
    let options: TextReportOptions
    let style: ANSIStyle
    private(set) var lines: [String] = []

    init(snapshot: Snapshot, options: TextReportOptions) {
        self.snapshot = snapshot
        self.options = options
        self.style = ANSIStyle(enabled: options.color)
    }

    var text: String { lines.joined(separator: "\n") + "\n" }
    var width: Int { options.width }

    mutating func emit(_ line: String = "") { lines.append(line) }
    mutating func emit(_ table: TextTable) {
        lines.append(contentsOf: table.render(width: width, header: { style.dim($0) }))
    }

    mutating func section(_ title: String) {
        if !lines.isEmpty { emit() }
        emit(style.bold(title))
    }

    /// Display-safe text of a log-derived string.
    func safe(_ s: String) -> String { TerminalSafe.sanitized(s) }

    mutating func heading() {
        let inputs = options.inputNames.isEmpty ? "stdin" : options.inputNames.map(safe).joined(separator: ", ")
        emit(style.bold("meshlog report") + " — " + inputs)
    }

    /// "… and N more" after a truncated table.
    mutating func more(_ shown: Int, of total: Int, what: String) {
        if total > shown { emit(style.dim("  … and \(Format.thousands(total - shown)) more \(what)")) }
    }
}
