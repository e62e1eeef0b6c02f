import ArgumentParser
import Analysis

/// How the one-shot report is printed and judged.
struct ReportOptions: ParsableArguments {
    enum OutputKind: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Option(help: "Report format: text or json (schema: docs/report-schema.md).")
    var output: OutputKind = .text

    @Option(help: ArgumentHelp("Exit 1 when a traffic or balance finding of this severity or worse is present (warning, critical); advice never fails.",
                               valueName: "severity"))
    var failOn: String?

    @Option(help: ArgumentHelp("Expected traffic split per subset, e.g. v1=90,v2=10: warn when the observed split deviates.",
                               valueName: "split"))
    var expectSplit: String?

    @Option(help: "Colour in text output: auto (only on a terminal, honours NO_COLOR), always, never.")
    var color: ColorMode = .auto

    @Option(help: "Width of the text report in columns (default: the terminal's, else 100).")
    var width: Int?

    func validate() throws {
        if let failOn, Severity(name: failOn) == nil || failOn == "info" {
            throw ValidationError("--fail-on takes warning or critical, not '\(failOn)'")
        }
        if let expectSplit, DiagnosisContext.parseExpectedSplit(expectSplit) == nil {
            throw ValidationError("--expect-split takes subset=percent pairs, e.g. v1=90,v2=10")
        }
    }

    /// `v1=90,v2=10` as subset → fraction, nil when not given.
    var split: [String: Double]? { expectSplit.flatMap(DiagnosisContext.parseExpectedSplit) }
}
