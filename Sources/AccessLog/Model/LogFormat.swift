/// The access-log format a line was recognised as. Detected per line, so pods on different Istio
/// versions can be mixed in one input.
public enum LogFormat: UInt8, CaseIterable, Sendable {
    case istio11Snapshot
    case istio11
    case istio12
    case istio13to17
    case istio18
    case istio19Plus
    case envoyDefault
    case istioJSONStrings
    case istioJSONTyped
    case custom

    /// Stable identifier printed by `meshlog parse` (`format`) and in reports.
    public var id: String {
        switch self {
        case .istio11Snapshot: "istio-1.1-pre"
        case .istio11: "istio-1.1"
        case .istio12: "istio-1.2"
        case .istio13to17: "istio-1.3"
        case .istio18: "istio-1.8"
        case .istio19Plus: "istio-1.9"
        case .envoyDefault: "envoy-default"
        case .istioJSONStrings: "istio-json-strings"
        case .istioJSONTyped: "istio-json"
        case .custom: "custom"
        }
    }

    /// Human description for reports.
    public var title: String {
        switch self {
        case .istio11Snapshot: "Istio 1.1 pre-release text"
        case .istio11: "Istio 1.1 text"
        case .istio12: "Istio 1.2 text"
        case .istio13to17: "Istio 1.3–1.7 text"
        case .istio18: "Istio 1.8 text"
        case .istio19Plus: "Istio 1.9+ text"
        case .envoyDefault: "Envoy default text"
        case .istioJSONStrings: "Istio JSON (≤1.7, string values)"
        case .istioJSONTyped: "Istio JSON (≥1.8, typed values)"
        case .custom: "custom --format"
        }
    }

    public var isJSON: Bool { self == .istioJSONStrings || self == .istioJSONTyped }
}
