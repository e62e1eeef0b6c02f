import AccessLog
import Analysis

/// One screen of the live view. The navigation stack holds these; each names what it shows, so
/// a screen rebuilds its view model from whatever snapshot is current.
public enum Screen: Equatable, Sendable {
    /// Header, findings, flags, clusters, codes, timeline.
    case dashboard
    /// One finding, by id and subject (a rule may report the same id for several subjects).
    case finding(FindingID, subject: String)
    /// One response flag: where it occurs.
    case flag(ResponseFlag)
    /// One upstream cluster, by its full name.
    case cluster(String)
    /// One upstream host of a cluster.
    case host(cluster: String, host: String)
    /// The recent raw lines, narrowed to a scope (and the filter).
    case lines(LineScope)
    /// Every parsed field of one line.
    case line(SampleLine)

    /// The dashboard panel name used as the breadcrumb's first part when this screen is opened
    /// from the dashboard.
    var section: String {
        switch self {
        case .dashboard: "dashboard"
        case .finding: "findings"
        case .flag: "flags"
        case .cluster, .host: "clusters"
        case .lines(let scope): scope.code != nil ? "codes" : "lines"
        case .line: "lines"
        }
    }

    /// This screen's part of the breadcrumb.
    var crumb: String {
        switch self {
        case .dashboard: "dashboard"
        case .finding(let id, _): id.rawValue
        case .flag(let flag): flag.shortName
        case .cluster(let name): name
        case .host(_, let host): host
        case .lines(let scope): scope.isEmpty ? "lines" : "lines " + scope.description
        case .line(let line): line.startTimeMs >= 0 ? "line @" + Format.clock(line.startTimeMs) : "line"
        }
    }
}
