import AccessLog
import Analysis

/// The tags and colours that tell status apart in the live view: severities, findings,
/// response codes, flags and error shares.
enum StatusStyle {
    /// The tag in front of a finding: `NOTE` (muted) for advice, else its severity tag, so advice
    /// never looks like part of an incident.
    static func findingTag(_ finding: Finding) -> (text: String, style: Style) {
        finding.kind == .advice ? ("NOTE", .muted) : (severityTag(finding.severity), severityStyle(finding.severity))
    }

    /// `CRIT`, `WARN`, `INFO`.
    static func severityTag(_ severity: Severity) -> String {
        switch severity {
        case .critical: "CRIT"
        case .warning: "WARN"
        case .info: "INFO"
        }
    }

    static func severityStyle(_ severity: Severity) -> Style {
        switch severity {
        case .critical: .critical
        case .warning: Style(.warning, .bold)
        case .info: .info
        }
    }

    /// 2xx ok, 3xx info, 4xx warning, 5xx critical, 0/absent muted.
    static func codeStyle(_ code: Int) -> Style {
        switch code {
        case 200..<300: .ok
        case 300..<400: .info
        case 400..<500: .warning
        case 500..<600: .critical
        default: .muted
        }
    }

    static func flagStyle(_ flag: ResponseFlag) -> Style {
        flag.isFailure ? Style(.critical) : .info
    }

    /// Error share colour: none ok-muted, some warning, ≥ 5% critical.
    static func errorStyle(_ errors: Int, of total: Int) -> Style {
        guard total > 0, errors > 0 else { return .muted }
        return Double(errors) / Double(total) >= 0.05 ? Style(.critical) : .warning
    }
}
