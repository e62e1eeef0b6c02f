import AccessLog

/// How input lines were classified. `total == access + nonAccess + malformed` always.
public struct LineCounts: Sendable, Equatable {
    public var total = 0
    public var access = 0
    public var nonAccess = 0
    public var malformed = 0
    /// Non-access lines by kind (kinds with zero count omitted).
    public var nonAccessByKind: [KindCount<NonAccessKind>] = []
    /// Malformed lines by reason (reasons with zero count omitted).
    public var malformedByReason: [KindCount<MalformedReason>] = []
    /// The first few malformed lines (display-safe text, cut to a sane length).
    public var malformedSamples: [MalformedSample] = []
    public init() {}
}

/// A count for one case of an enum.
public struct KindCount<Kind: Sendable & Equatable>: Sendable, Equatable {
    public var kind: Kind
    public var count: Int
    public init(kind: Kind, count: Int) { self.kind = kind; self.count = count }
}

public struct MalformedSample: Sendable, Equatable {
    public var reason: MalformedReason
    /// 1-based line number in the input (across all inputs), when known.
    public var lineNumber: Int
    public var text: String
    public init(reason: MalformedReason, lineNumber: Int, text: String) {
        self.reason = reason; self.lineNumber = lineNumber; self.text = text
    }
}

public struct FormatCount: Sendable, Equatable {
    public var format: LogFormat
    public var count: Int
    public init(format: LogFormat, count: Int) { self.format = format; self.count = count }
}

public struct TimeRange: Sendable, Equatable {
    /// Milliseconds since the Unix epoch.
    public var firstMs: Int64
    public var lastMs: Int64
    public init(firstMs: Int64, lastMs: Int64) { self.firstMs = firstMs; self.lastMs = lastMs }
    public var seconds: Double { Double(max(0, lastMs - firstMs)) / 1000 }
}

/// A counted string key. `isOther` marks the bucket that holds every key past the limit.
public struct KeyCount: Sendable, Equatable {
    public var key: String
    public var count: Int
    public var isOther: Bool
    public init(key: String, count: Int, isOther: Bool = false) {
        self.key = key; self.count = count; self.isOther = isOther
    }
}

public struct CodeCount: Sendable, Equatable {
    /// HTTP status; 0 = TCP or no response sent.
    public var code: Int
    public var count: Int
    public init(code: Int, count: Int) { self.code = code; self.count = count }
}

public struct FlagCount: Sendable, Equatable {
    public var flag: ResponseFlag
    public var count: Int
    public init(flag: ResponseFlag, count: Int) { self.flag = flag; self.count = count }
}

public struct FlagSetCount: Sendable, Equatable {
    public var flags: ResponseFlags
    public var count: Int
    public init(flags: ResponseFlags, count: Int) { self.flags = flags; self.count = count }
}

public struct GrpcStatusCount: Sendable, Equatable {
    /// 0–16, or another logged number.
    public var status: Int
    public var count: Int
    public init(status: Int, count: Int) { self.status = status; self.count = count }
}

/// Latency percentiles in milliseconds (from an HdrHistogram). `count == 0` means no values.
public struct LatencySummary: Sendable, Equatable {
    public var count: Int
    public var p50: Int
    public var p90: Int
    public var p99: Int
    public var max: Int
    public var mean: Double
    public init(count: Int = 0, p50: Int = 0, p90: Int = 0, p99: Int = 0, max: Int = 0, mean: Double = 0) {
        self.count = count; self.p50 = p50; self.p90 = p90; self.p99 = p99; self.max = max; self.mean = mean
    }
}

/// Requests and errors per time bucket. Buckets are `bucketSeconds` wide (1 s, coarsened as the
/// covered span grows so the series stays bounded).
public struct Timeline: Sendable, Equatable {
    public var bucketSeconds: Int
    /// Epoch second of the first bucket.
    public var startSecond: Int64
    public var requests: [Int]
    public var errors: [Int]
    /// Records left out of the series: a few isolated outliers far from the rest (a line from years
    /// earlier); `Snapshot.timeRange` still spans them.
    public var outsideRange: Int
    public init(bucketSeconds: Int = 1, startSecond: Int64 = 0, requests: [Int] = [], errors: [Int] = [],
                outsideRange: Int = 0) {
        self.bucketSeconds = bucketSeconds; self.startSecond = startSecond
        self.requests = requests; self.errors = errors; self.outsideRange = outsideRange
    }
}

/// One raw access line kept for drill-down, with the attributes views filter on.
public struct SampleLine: Sendable, Equatable {
    /// The line as read (prefix removed), not yet escaped for display.
    public var text: String
    public var source: String?
    public var cluster: String?
    public var host: String?
    public var method: String?
    public var flags: ResponseFlags
    public var code: Int
    public var grpcStatus: Int
    public var durationMs: Int
    public var startTimeMs: Int64
    public var format: LogFormat
    public init(text: String, source: String? = nil, cluster: String? = nil, host: String? = nil, method: String? = nil,
                flags: ResponseFlags = [], code: Int = -1, grpcStatus: Int = -1, durationMs: Int = -1,
                startTimeMs: Int64 = -1, format: LogFormat = .istio19Plus) {
        self.text = text; self.source = source; self.cluster = cluster; self.host = host; self.method = method
        self.flags = flags; self.code = code; self.grpcStatus = grpcStatus; self.durationMs = durationMs
        self.startTimeMs = startTimeMs; self.format = format
    }
}
