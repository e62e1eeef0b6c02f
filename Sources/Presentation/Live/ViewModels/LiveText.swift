import AccessLog
import Analysis

/// Small text helpers shared by the live view models.
enum LiveText {
    /// A short cluster label: `→ orders.shop:50051`, `→ reviews.shop:9080 v2`, `← inbound:8080`,
    /// `PassthroughCluster`.
    static func clusterLabel(_ name: ClusterName) -> String {
        switch name.direction {
        case .outbound:
            var host = name.fqdn ?? name.name
            if name.isKubernetesService, let service = name.serviceName {
                host = service + (name.namespace.map { "." + $0 } ?? "")
            }
            let port = name.port.map { ":\($0)" } ?? ""
            return "→ " + host + port + (name.subset.map { " " + $0 } ?? "")
        case .inbound, .inboundVIP:
            let port = name.port.map { ":\($0)" } ?? ""
            let service = name.serviceName.map { " " + $0 } ?? ""
            return "← inbound" + port + service
        case .special, .other:
            return name.name
        }
    }

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

    /// `503`, or `0 (none/TCP)` for code 0, `-` for absent.
    static func codeText(_ code: Int) -> String {
        code < 0 ? "-" : String(code)
    }

    static func flagStyle(_ flag: ResponseFlag) -> Style {
        flag.isFailure ? Style(.critical) : .info
    }

    /// Error share colour: none ok-muted, some warning, ≥ 5% critical.
    static func errorStyle(_ errors: Int, of total: Int) -> Style {
        guard total > 0, errors > 0 else { return .muted }
        return Double(errors) / Double(total) >= 0.05 ? Style(.critical) : .warning
    }

    /// Latency in ms as a short duration; `-` when there were no values.
    static func latency(_ ms: Int, count: Int) -> String {
        count > 0 ? Format.duration(milliseconds: ms) : "-"
    }

    /// `text` broken into lines of at most `width` columns at spaces (long words are cut);
    /// existing line breaks and leading indentation are kept. Continuation lines start with
    /// `hanging`. The result is terminal-safe.
    static func wrap(_ text: String, width: Int, hanging: String = "") -> [String] {
        let width = max(4, width)
        let hangingWidth = CharacterWidth.columns(of: hanging)
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let safe = TerminalSafe.sanitized(String(paragraph))
            let indent = String(safe.prefix { $0 == " " })
            var line = indent, used = indent.count, empty = true
            for word in safe.split(separator: " ") {
                var piece = String(word)
                var w = CharacterWidth.columns(of: piece)
                if !empty && used + 1 + w > width {
                    out.append(line)
                    line = hanging; used = hangingWidth; empty = true
                }
                if !empty { line += " "; used += 1 }
                while used + w > width && w > 0 {
                    let head = Format.truncated(piece, toWidth: max(1, width - used), ellipsis: false)
                    if head.isEmpty { break }
                    out.append(line + head)
                    line = hanging; used = hangingWidth
                    piece = String(piece.unicodeScalars.dropFirst(head.unicodeScalars.count))
                    w = CharacterWidth.columns(of: piece)
                }
                line += piece; used += w; empty = false
            }
            out.append(line)
        }
        return out
    }

    /// Pre-formatted text (`meshlog explain` output) for a `width`-column screen: runs of prose
    /// lines that start at column 0 are joined and wrapped; indented lines (lists, YAML, commands)
    /// are kept as they are.
    static func reflow(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var prose: [String] = []
        func flush() {
            if !prose.isEmpty { out += wrap(prose.joined(separator: " "), width: width) }
            prose.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || line.first == " " {
                flush()
                out.append(TerminalSafe.sanitized(String(line)))
            } else {
                prose.append(String(line))
            }
        }
        flush()
        return out
    }
}
