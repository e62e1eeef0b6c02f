import AccessLog

// Line counts: how input lines were classified, per format and per malformed reason.

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
