/// The prefix a log tool puts in front of every line. Raw values are the `--prefix` names.
public enum GeneratedPrefix: String, CaseIterable, Sendable {
    /// Bare istio-proxy output.
    case none
    /// `kubectl logs --prefix`: `[pod/frontend-6f7d9c8b54-2xkqp/istio-proxy] `.
    case kubectlPrefix
    /// `kubectl logs --timestamps`: `2026-11-20T10:00:00.123456789Z ` (RFC3339Nano, trailing zeros trimmed).
    case kubectlTimestamps
    /// `kubectl logs --prefix --timestamps`: `[pod/…/istio-proxy] 2026-11-20T10:00:00.1234567Z `.
    case kubectlBoth
    /// stern's default template without colours: `frontend-6f7d9c8b54-2xkqp istio-proxy `.
    case stern
    /// CRI node log files: `2026-11-20T10:00:00.123456789Z stdout F ` (Envoy's application log on `stderr`).
    case cri

    /// True when the prefix names the pod that wrote the line.
    var namesPod: Bool {
        self == .kubectlPrefix || self == .kubectlBoth || self == .stern
    }
}
