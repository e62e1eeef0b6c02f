/// What a finding is about, so reports and the TUI can group findings and `--fail-on` can ignore
/// advice.
public enum FindingKind: String, Sendable, CaseIterable, Comparable {
    /// Something is failing or slowing down: requests get errors, resets, timeouts or wrong routes.
    case traffic
    /// Requests are spread badly over hosts or subsets (pinning, one failing or slow host, a split).
    case balance
    /// The logging or configuration hides or risks something, but no request failed because of it
    /// (for example gRPC logged without `%GRPC_STATUS%`). Never trips `--fail-on`.
    case advice

    /// The JSON spelling and the heading word: `traffic`, `balance`, `advice`.
    public var name: String { rawValue }

    /// How reports head a group of findings of this kind.
    public var heading: String {
        switch self {
        case .traffic: "Traffic"
        case .balance: "Load balancing"
        case .advice: "Logging and configuration advice"
        }
    }

    public static func < (a: FindingKind, b: FindingKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public extension FindingID {
    /// The kind of every finding with this id.
    var kind: FindingKind {
        switch self {
        case .connectionPinning, .failingUpstreamHost, .slowUpstreamHost, .trafficSplit: .balance
        case .grpcStatusNotLogged: .advice
        default: .traffic
        }
    }
}

public extension Finding {
    /// The finding's kind (from its id).
    var kind: FindingKind { id.kind }

    /// True when this finding makes `--fail-on threshold` fail: its severity reaches the threshold
    /// and it is not advice (advice is about the logging, not about failing traffic).
    func trips(failOn threshold: Severity) -> Bool {
        kind != .advice && severity >= threshold
    }

    /// True for a warning or critical finding about traffic or balance: what a report counts as
    /// "needs attention".
    var needsAttention: Bool { trips(failOn: .warning) }
}
