import Analysis

/// How the text report is laid out.
public struct TextReportOptions: Sendable, Equatable {
    /// ANSI colours; the caller decides (a terminal, and no `NO_COLOR`).
    public var color: Bool
    /// Widest line, in terminal columns (default 100; at least 60 is used).
    public var width: Int
    /// Input names shown in the header (files, or `-` for stdin).
    public var inputNames: [String]

    public init(color: Bool = false, width: Int = 100, inputNames: [String] = []) {
        self.color = color
        self.width = width
        self.inputNames = inputNames
    }
}

/// `meshlog report` as text: findings first, then how the lines were classified, formats, time range
/// and rate, response flags, codes and details, clusters with their host distribution, routes and
/// gRPC methods, and client pods. Every string that came from the log is passed through
/// `DisplaySafe.text`; numbers have thousands separators; columns are aligned within `width`.
public enum TextReport {
    public static func render(_ snapshot: Snapshot, findings: [Finding],
                              options: TextReportOptions = TextReportOptions()) -> String {
        var r = TextReportBuilder(snapshot: snapshot, options: options)
        r.header()
        r.findings(findings)
        r.lines()
        r.formatsAndTime()
        r.flags()
        r.codes()
        r.clusters()
        r.methodsAndRoutes()
        r.sources()
        return r.output.joined(separator: "\n") + "\n"
    }
}

/// Builds the text report section by section.
struct TextReportBuilder {
    let s: Snapshot
    let width: Int
    let style: TextStyle
    let options: TextReportOptions
    var output: [String] = []

    init(snapshot: Snapshot, options: TextReportOptions) {
        s = snapshot
        width = max(60, options.width)
        style = TextStyle(enabled: options.color)
        self.options = options
    }

    mutating func emit(_ line: String = "") { output.append(line) }

    mutating func section(_ title: String) {
        if !output.isEmpty { emit() }
        emit(style.heading(title))
    }

    /// Appends a line cut to the width (plain text only; style after cutting).
    mutating func emitCut(_ text: String, indent: Int = 2, code: TextStyle.Code? = nil) {
        let cut = DisplayWidth.truncate(text, to: width - indent)
        emit(String(repeating: " ", count: indent) + (code.map { style.apply($0, cut) } ?? cut))
    }

    static func safe(_ s: String) -> String { DisplaySafe.text(s) }

    mutating func header() {
        let title = "meshlog report"
        let inputs = options.inputNames.isEmpty ? "" : " — " + options.inputNames.map(Self.safe).joined(separator: ", ")
        emit(style.heading(title) + DisplayWidth.truncate(inputs, to: width - title.count))
    }

    mutating func findings(_ list: [Finding]) {
        let ranked = FindingOrder.ranked(list)
        section(ranked.isEmpty ? "FINDINGS" : "FINDINGS (\(ranked.count))")
        guard !ranked.isEmpty else { emit("  No findings."); return }
        for f in ranked { finding(f) }
    }

    private mutating func finding(_ f: Finding) {
        let label = f.severity.name.uppercased()
        let code: TextStyle.Code = f.severity == .critical ? .boldRed : f.severity == .warning ? .yellow : .cyan
        let tag = DisplayWidth.pad(label, to: 8)
        emit("  " + style.apply(code, tag) + " " + DisplayWidth.truncate(Self.safe(f.title), to: width - 11))
        let pad = 11
        if !f.subject.isEmpty { emitCut("subject: " + Self.safe(f.subject), indent: pad, code: .dim) }
        for fact in f.evidence.facts { emitCut("• \(Self.safe(fact.label)): \(Self.safe(fact.value))", indent: pad) }
        if let window = f.evidence.window { emitCut("• window: " + Self.safe(window), indent: pad) }
        if let fix = f.fixes.first {
            emitCut("fix: " + Self.safe(fix.title), indent: pad, code: .green)
            let body = fix.body.split(separator: "\n", omittingEmptySubsequences: false)
            for line in body.prefix(12) { emitCut(Self.safe(String(line)), indent: pad + 2) }
            if body.count > 12 { emitCut("… (\(body.count - 12) more lines; --output json has the whole fix)", indent: pad + 2, code: .dim) }
        }
        if let verify = f.verify.first { emitCut("verify: " + Self.safe(verify), indent: pad) }
    }
}
