import AccessLog

/// An immutable picture of everything aggregated so far: what the diagnosis rules, the reports and
/// the TUI read. Lists are sorted most-significant first (by count unless noted) and truncated to the
/// aggregator's limits; a key that did not fit is reported in an `isOther` entry.
public struct Snapshot: Sendable, Equatable {
    /// How every input line was classified (the totals add up).
    public var lines: LineCounts
    /// Access records per detected format.
    public var formats: [FormatCount]
    /// `%START_TIME%` of the earliest and latest record, when any record carried one.
    public var timeRange: TimeRange?
    /// Access records (HTTP requests and TCP connections).
    public var requests: Int
    /// Records counted as errors (see `Snapshot.isError` rules in the aggregator's docs).
    public var errors: Int
    /// Every flag seen, most frequent first.
    public var flags: [FlagStats]
    /// Exact flag sets as logged (`UF,URX` as one set), most frequent first.
    public var flagCombinations: [FlagSetCount]
    public var responseCodes: [CodeCount]
    public var codeDetails: [KeyCount]
    public var transportFailureReasons: [KeyCount]
    public var terminationDetails: [KeyCount]
    public var clusters: [ClusterStats]
    public var routes: [KeyCount]
    public var authorities: [KeyCount]
    /// gRPC methods (`/pkg.Service/Method`) and non-GET HTTP operations (`POST /orders`).
    public var methods: [MethodStats]
    /// HTTP paths, high-cardinality segments (numbers, UUIDs, hex ids) replaced by `{id}`.
    public var paths: [KeyCount]
    /// Per client pod, when the input carried kubectl/stern prefixes.
    public var sources: [SourceStats]
    /// Requests and errors over time.
    public var timeline: Timeline
    /// The most recent access lines (oldest first), bounded.
    public var recentLines: [SampleLine]
    /// True when some record's format logs the gRPC status (`%GRPC_STATUS%`).
    public var hasGrpcStatusField: Bool
    /// True when some record's format logs `%UPSTREAM_REQUEST_ATTEMPT_COUNT%`.
    public var hasAttemptCountField: Bool
    /// gRPC requests seen (HTTP/2 POST to `/pkg.Service/Method`, or a logged grpc status).
    public var grpcRequests: Int
    /// Which keyed tables are exact and which reached their bound (then with "other" and error bound).
    public var accuracy = SnapshotAccuracy()
    /// DR/DC records paired across the client's and the server's sidecar (one cancel, two records).
    var cancelPairs = CancelPairs()

    public init(lines: LineCounts = LineCounts(), formats: [FormatCount] = [], timeRange: TimeRange? = nil,
                requests: Int = 0, errors: Int = 0, flags: [FlagStats] = [], flagCombinations: [FlagSetCount] = [],
                responseCodes: [CodeCount] = [], codeDetails: [KeyCount] = [], transportFailureReasons: [KeyCount] = [],
                terminationDetails: [KeyCount] = [], clusters: [ClusterStats] = [], routes: [KeyCount] = [],
                authorities: [KeyCount] = [], methods: [MethodStats] = [], paths: [KeyCount] = [],
                sources: [SourceStats] = [], timeline: Timeline = Timeline(), recentLines: [SampleLine] = [],
                hasGrpcStatusField: Bool = false, hasAttemptCountField: Bool = false, grpcRequests: Int = 0) {
        self.lines = lines
        self.formats = formats
        self.timeRange = timeRange
        self.requests = requests
        self.errors = errors
        self.flags = flags
        self.flagCombinations = flagCombinations
        self.responseCodes = responseCodes
        self.codeDetails = codeDetails
        self.transportFailureReasons = transportFailureReasons
        self.terminationDetails = terminationDetails
        self.clusters = clusters
        self.routes = routes
        self.authorities = authorities
        self.methods = methods
        self.paths = paths
        self.sources = sources
        self.timeline = timeline
        self.recentLines = recentLines
        self.hasGrpcStatusField = hasGrpcStatusField
        self.hasAttemptCountField = hasAttemptCountField
        self.grpcRequests = grpcRequests
    }
}
