import AccessLog

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
