/// What one input line turned out to be. Every line is counted as exactly one of these.
public enum LineClass: Sendable, Equatable {
    /// An access-log record (the record was filled in).
    case access
    /// A line istio-proxy prints that is not an access record (pilot-agent, Envoy application log,
    /// debug continuations, blank lines, another container's output).
    case nonAccess(NonAccessKind)
    /// A line that looked like neither; kept as a sample and counted.
    case malformed(MalformedReason)
}

/// The kinds of recognised non-access lines.
public enum NonAccessKind: UInt8, CaseIterable, Sendable {
    case blank
    case istioAgent        // pilot-agent / istio-agent zap console lines (TIMESTAMP\tlevel\t…)
    case envoyApplication  // Envoy's own application log ([date][tid][level][name] … or ISO\tlevel\tenvoy …)
    case jsonApplication   // {"level":…,"msg":…} JSON application log lines
    case continuation      // header dumps, config dumps, stack traces: no timestamp of their own
    case ztunnel           // ambient ztunnel access lines (logfmt-like)
    case other             // another container's line, curl output, …

    public var title: String {
        switch self {
        case .blank: "blank"
        case .istioAgent: "istio-agent log"
        case .envoyApplication: "envoy application log"
        case .jsonApplication: "JSON application log"
        case .continuation: "continuation / dump"
        case .ztunnel: "ztunnel log"
        case .other: "other non-access"
        }
    }
}

/// Why a line was counted as malformed.
public enum MalformedReason: UInt8, CaseIterable, Sendable {
    case tooLong            // longer than the line cap; cut and not parsed
    case badAccessShape     // looked like an access line (timestamp + request line) but fields did not fit any format
    case badJSON            // started like a JSON access record but did not parse
    case binary             // NUL bytes / invalid UTF-8 / control garbage
    case unrecognised       // none of the known shapes

    public var title: String {
        switch self {
        case .tooLong: "line too long"
        case .badAccessShape: "access-like line with unexpected fields"
        case .badJSON: "invalid JSON record"
        case .binary: "binary or invalid UTF-8"
        case .unrecognised: "unrecognised line"
        }
    }
}
