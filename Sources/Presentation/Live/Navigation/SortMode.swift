/// How tables of clusters, hosts and flags are ordered (`s` cycles).
public enum SortMode: Int, CaseIterable, Sendable, Equatable {
    /// Most requests (or occurrences) first.
    case count
    /// Most errors first.
    case errors
    /// Slowest p99 first.
    case p99

    public var label: String {
        switch self {
        case .count: "count"
        case .errors: "errors"
        case .p99: "p99"
        }
    }

    public var next: SortMode { SortMode(rawValue: (rawValue + 1) % SortMode.allCases.count) ?? .count }
}
