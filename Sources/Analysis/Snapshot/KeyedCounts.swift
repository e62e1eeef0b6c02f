import AccessLog

// Counts per key, HTTP code, response flag, flag set and gRPC status.

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
