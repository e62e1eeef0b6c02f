/// The stretch of log time the live view summarises: everything, or the last 1 or 5 minutes of
/// log time (measured back from the newest record, so replaying an old file works the same as a
/// live stream).
public enum LiveWindow: Int, CaseIterable, Sendable, Equatable {
    case all
    case lastMinute
    case last5Minutes

    /// `all`, `1m`, `5m`.
    public var label: String {
        switch self {
        case .all: "all"
        case .lastMinute: "1m"
        case .last5Minutes: "5m"
        }
    }

    /// Length in milliseconds; nil for `all`.
    public var milliseconds: Int64? {
        switch self {
        case .all: nil
        case .lastMinute: 60_000
        case .last5Minutes: 300_000
        }
    }

    /// The next window in the `w` key's cycle: all → 1m → 5m → all.
    public var next: LiveWindow {
        LiveWindow(rawValue: (rawValue + 1) % LiveWindow.allCases.count) ?? .all
    }
}
