import AccessLog
import Analysis

/// What a lines screen is narrowed to, besides the filter.
public struct LineScope: Equatable, Sendable, CustomStringConvertible {
    public var cluster: String?
    public var host: String?
    public var flag: ResponseFlag?
    public var code: Int?

    public init(cluster: String? = nil, host: String? = nil, flag: ResponseFlag? = nil, code: Int? = nil) {
        self.cluster = cluster; self.host = host; self.flag = flag; self.code = code
    }

    public var isEmpty: Bool { cluster == nil && host == nil && flag == nil && code == nil }

    /// True when `line` is inside the scope.
    public func contains(_ line: SampleLine) -> Bool {
        if let cluster, line.cluster != cluster { return false }
        if let host, line.host != host { return false }
        if let flag, !line.flags.contains(flag) { return false }
        if let code, line.code != code { return false }
        return true
    }

    /// `flag:UO host:10.0.0.1:8080`, in filter syntax.
    public var description: String {
        var parts: [String] = []
        if let flag { parts.append("flag:" + flag.shortName) }
        if let code { parts.append("code:\(code)") }
        if let cluster { parts.append("cluster:" + cluster) }
        if let host { parts.append("host:" + host) }
        return parts.joined(separator: " ")
    }
}
