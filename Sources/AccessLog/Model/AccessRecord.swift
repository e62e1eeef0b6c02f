/// One access-log record, parsed from one line.
///
/// Text fields are `FieldRange`s into the line the parser was given (no `String` per field), so a
/// record is only meaningful together with that line and only while it is alive. Numbers, flags and
/// times are decoded once by the parser. A value that is absent from the format, or is `-`, reads as
/// absent (`nil` from `text(_:in:)`, -1 for numbers).
public struct AccessRecord: Sendable {
    /// The format the line was recognised as.
    public var format: LogFormat
    /// Position of each field in the line, indexed by `AccessField.rawValue`.
    public var fields: InlineArray<26, FieldRange>
    /// True when field text may hold JSON or backslash escapes (`\"`, `\u00e9`) to decode on display.
    public var escaped: Bool
    /// `%START_TIME%` as milliseconds since the Unix epoch, or -1.
    public var startTimeMs: Int64
    /// HTTP response code; 0 for TCP and "no response sent"; -1 when absent.
    public var responseCode: Int32
    /// The set of response flags.
    public var flags: ResponseFlags
    public var bytesReceived: Int64
    public var bytesSent: Int64
    /// `%DURATION%` in milliseconds, or -1.
    public var durationMs: Int64
    /// `x-envoy-upstream-service-time` in milliseconds, or -1.
    public var upstreamServiceTimeMs: Int64
    /// gRPC status code (0–16, or another logged number), or -1 when not logged / `-`.
    public var grpcStatus: Int16
    /// `%UPSTREAM_REQUEST_ATTEMPT_COUNT%`, or -1.
    public var attemptCount: Int32
    /// Fields of a custom format that map to no known field (`%DYNAMIC_METADATA(…)%`, …).
    public var extraFields: [ExtraField]

    public init(format: LogFormat = .istio19Plus) {
        self.format = format
        self.fields = InlineArray(repeating: .absent)
        self.escaped = false
        self.startTimeMs = -1
        self.responseCode = -1
        self.flags = []
        self.bytesReceived = -1
        self.bytesSent = -1
        self.durationMs = -1
        self.upstreamServiceTimeMs = -1
        self.grpcStatus = -1
        self.attemptCount = -1
        self.extraFields = []
    }

    /// Resets every value to absent, keeping the extra-field storage for reuse.
    @inlinable public mutating func reset(format: LogFormat) {
        self.format = format
        for i in 0..<AccessField.count { fields[i] = .absent }
        escaped = false
        startTimeMs = -1
        responseCode = -1
        flags = []
        bytesReceived = -1
        bytesSent = -1
        durationMs = -1
        upstreamServiceTimeMs = -1
        grpcStatus = -1
        attemptCount = -1
        if !extraFields.isEmpty { extraFields.removeAll(keepingCapacity: true) }
    }

    @inlinable public subscript(field: AccessField) -> FieldRange {
        get { fields[field.rawValue] }
        set { fields[field.rawValue] = newValue }
    }

    /// True when the format has the field (even if its value is `-`).
    @inlinable public func has(_ field: AccessField) -> Bool { !fields[field.rawValue].isAbsent }

    /// The field's text (escapes decoded), or nil when absent or `-`.
    public func text(_ field: AccessField, in line: UnsafeRawBufferPointer) -> String? {
        let range = fields[field.rawValue]
        if line.isDash(range) {
            // An empty quoted value is a real (empty) value, except for fields where empty means absent.
            if range.isAbsent || range.count == 1 { return nil }
            return field == .routeName ? nil : ""
        }
        return FieldText.decode(line.bytes(range), escaped: escaped)
    }

    /// True for a TCP proxy record (`"- - -"`).
    @inlinable public func isTCP(in line: UnsafeRawBufferPointer) -> Bool {
        line.isDash(fields[AccessField.method.rawValue]) && line.isDash(fields[AccessField.protocol.rawValue])
    }
}

/// A field of a custom format that maps to no known `AccessField`.
public struct ExtraField: Sendable, Equatable {
    /// The operator or JSON key it came from (`DYNAMIC_METADATA(istio.mixer:status)`, `connection_id`).
    public var name: String
    public var range: FieldRange
    public init(name: String, range: FieldRange) {
        self.name = name
        self.range = range
    }
}
