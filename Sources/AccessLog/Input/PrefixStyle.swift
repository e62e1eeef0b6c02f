/// Which log tool's prefix a line carried.
public enum PrefixStyle: UInt8, CaseIterable, Sendable {
    /// No prefix: the line is as istio-proxy wrote it.
    case none
    /// `kubectl logs --timestamps`: `2024-01-02T03:04:05.123456789Z <line>`.
    case kubectlTimestamps
    /// `kubectl logs --prefix`: `[pod/NAME/CONTAINER] <line>`.
    case kubectlPrefix
    /// `kubectl logs --prefix --timestamps`: `[pod/NAME/CONTAINER] 2024-…Z <line>`.
    case kubectlPrefixTimestamps
    /// stern: `[NAMESPACE] POD CONTAINER <line>`, ANSI colours removed.
    case stern
    /// stern `--timestamps`: `POD CONTAINER 2024-…Z <line>` (or the short `01-02 15:04:05` form).
    case sternTimestamps
    /// kail: `NAMESPACE/POD[CONTAINER]: <line>`.
    case kail
    /// CRI node log files: `<RFC3339Nano> stdout|stderr F|P <line>`.
    case cri
    /// Docker json-file logs: `{"log":"<line>\n","stream":"stdout","time":"…"}`.
    case dockerJSON
    /// `docker compose logs`: `SERVICE-1  | <line>` (optionally followed by a timestamp).
    case dockerCompose
    /// Custom tailers: `[POD CONTAINER] <line>` or `[CONTAINER] <line>`.
    case generic

    /// A short human-readable name.
    public var title: String {
        switch self {
        case .none: "no prefix"
        case .kubectlTimestamps: "kubectl --timestamps"
        case .kubectlPrefix: "kubectl --prefix"
        case .kubectlPrefixTimestamps: "kubectl --prefix --timestamps"
        case .stern: "stern"
        case .sternTimestamps: "stern --timestamps"
        case .kail: "kail"
        case .cri: "CRI log file"
        case .dockerJSON: "docker json-file"
        case .dockerCompose: "docker compose"
        case .generic: "[pod container] prefix"
        }
    }
}
