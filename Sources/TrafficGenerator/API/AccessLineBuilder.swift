import AccessLog

// Used by tests of several modules (aggregation, reports, views) that need one hand-made record
// with exact values, where the generator's realistic traffic is too random.

/// Builds an Istio 1.9+ text access line from named field values, plus the `AccessRecord` a parser
/// would produce for it (ranges into the line, decoded numbers). When `grpcStatus` or `attempts` are
/// set they are appended as two extra tokens (a custom format, as users add them).
public struct AccessLineBuilder {
    public init() {}
    public var startMs: Int64 = 1_714_557_600_000   // 2024-05-01T10:00:00.000Z
    public var method = "GET"
    public var path = "/api/items"
    public var proto = "HTTP/1.1"
    public var code: Int32 = 200
    public var flags = "-"
    public var details = "via_upstream"
    public var termination = "-"
    public var transport = "-"
    public var bytesIn: Int64 = 0
    public var bytesOut: Int64 = 120
    public var duration: Int64 = 5
    public var upstreamTime: Int64 = 4
    public var userAgent = "curl/8.5.0"
    public var requestID = "7f9c2c0e-9b1a-4c55-8d7e-3f2a1b0c9d8e"
    public var authority = "items.shop:8080"
    public var host = "10.1.0.1:8080"
    public var cluster = "outbound|8080||items.shop.svc.cluster.local"
    public var sni = "-"
    public var route = "default"
    public var downstreamLocal = "10.96.0.10:8080"
    public var grpcStatus: Int16 = -1
    public var attempts: Int32 = -1

    public static func tcp(host: String = "10.1.0.7:5432", cluster: String = "outbound|5432||db.shop.svc.cluster.local",
                    flags: String = "-", duration: Int64 = 60_000) -> AccessLineBuilder {
        var t = AccessLineBuilder()
        t.method = "-"; t.path = "-"; t.proto = "-"; t.code = 0; t.flags = flags; t.details = "-"
        t.upstreamTime = -1; t.userAgent = "-"; t.requestID = "-"; t.authority = "-"; t.route = "-"
        t.host = host; t.cluster = cluster; t.duration = duration; t.bytesIn = 5_000; t.bytesOut = 90_000
        return t
    }

    public static func grpc(_ method: String = "/shop.Orders/PlaceOrder", status: Int16 = 0, flags: String = "-",
                     host: String = "10.2.0.1:50051") -> AccessLineBuilder {
        var t = AccessLineBuilder()
        t.method = "POST"; t.path = method; t.proto = "HTTP/2"; t.flags = flags; t.grpcStatus = status
        t.authority = "orders.shop:50051"; t.host = host; t.cluster = "outbound|50051||orders.shop.svc.cluster.local"
        t.userAgent = "grpc-go/1.63.0"
        return t
    }

    /// The line bytes and the record.
    public func build() -> (line: [UInt8], record: AccessRecord) {
        var bytes: [UInt8] = []
        var record = AccessRecord(format: grpcStatus >= 0 || attempts >= 0 ? .custom : .istio19Plus)
        func put(_ s: String) { bytes.append(contentsOf: Array(s.utf8)) }
        func field(_ f: AccessField?, _ value: String, quoted: Bool = false, space: Bool = true) {
            if quoted { put("\"") }
            let lo = bytes.count
            put(value)
            if let f { record[f] = FieldRange(lo, bytes.count) }
            if quoted { put("\"") }
            if space { put(" ") }
        }
        put("[")
        field(.startTime, Format.iso8601(startMs), space: false)
        put("] \"")
        field(.method, method)
        field(.path, path)
        field(.protocol, proto, space: false)
        put("\" ")
        field(.responseCode, String(code))
        field(.responseFlags, flags)
        field(.responseCodeDetails, details)
        field(.connectionTerminationDetails, termination)
        field(.upstreamTransportFailureReason, transport, quoted: true)
        field(.bytesReceived, String(bytesIn))
        field(.bytesSent, String(bytesOut))
        field(.duration, String(duration))
        field(.upstreamServiceTime, upstreamTime >= 0 ? String(upstreamTime) : "-")
        field(.xForwardedFor, "-", quoted: true)
        field(.userAgent, userAgent, quoted: true)
        field(.requestId, requestID, quoted: true)
        field(.authority, authority, quoted: true)
        field(.upstreamHost, host, quoted: true)
        field(.upstreamCluster, cluster)
        field(.upstreamLocalAddress, "10.1.0.99:41234")
        field(.downstreamLocalAddress, downstreamLocal)
        field(.downstreamRemoteAddress, "10.1.0.99:53422")
        field(.requestedServerName, sni)
        let extra = grpcStatus >= 0 || attempts >= 0
        field(.routeName, route, space: extra)
        if extra {
            field(.grpcStatus, grpcStatus >= 0 ? String(grpcStatus) : "-")
            field(.upstreamRequestAttemptCount, attempts >= 0 ? String(attempts) : "-", space: false)
        }
        record.startTimeMs = startMs
        record.responseCode = code
        record.flags = ResponseFlags.parse(flags) ?? []
        record.bytesReceived = bytesIn
        record.bytesSent = bytesOut
        record.durationMs = duration
        record.upstreamServiceTimeMs = upstreamTime
        record.grpcStatus = grpcStatus
        record.attemptCount = attempts
        return (bytes, record)
    }
}
