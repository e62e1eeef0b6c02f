/// One `%OPERATOR(ARGUMENT):LENGTH%` of an Envoy format string, and the record field it fills.
struct FormatOperator: Sendable, Equatable {
    /// Upper-case name: `REQ`, `START_TIME`, `RESPONSE_CODE`, …
    let name: String
    /// The text inside `(…)`, as written (nil when there is none).
    let argument: String?
    /// The `:Z` truncation length, when given.
    let maxLength: Int?

    /// The operator as written without `%` (used as the name of an extra field).
    var spelling: String {
        var s = name
        if let argument { s += "(\(argument))" }
        if let maxLength { s += ":\(maxLength)" }
        return s
    }

    /// The field this operator fills, or nil for an operator meshlog has no field for.
    var field: AccessField? {
        switch name {
        case "START_TIME": return .startTime
        case "PROTOCOL": return .protocol
        case "RESPONSE_CODE": return .responseCode
        case "RESPONSE_FLAGS", "RESPONSE_FLAGS_LONG": return .responseFlags
        case "RESPONSE_CODE_DETAILS": return .responseCodeDetails
        case "CONNECTION_TERMINATION_DETAILS": return .connectionTerminationDetails
        case "UPSTREAM_TRANSPORT_FAILURE_REASON": return .upstreamTransportFailureReason
        case "BYTES_RECEIVED": return .bytesReceived
        case "BYTES_SENT": return .bytesSent
        case "DURATION": return .duration
        case "UPSTREAM_HOST", "UPSTREAM_REMOTE_ADDRESS": return .upstreamHost
        case "UPSTREAM_CLUSTER", "UPSTREAM_CLUSTER_RAW": return .upstreamCluster
        case "UPSTREAM_LOCAL_ADDRESS": return .upstreamLocalAddress
        case "DOWNSTREAM_LOCAL_ADDRESS": return .downstreamLocalAddress
        case "DOWNSTREAM_REMOTE_ADDRESS": return .downstreamRemoteAddress
        case "REQUESTED_SERVER_NAME": return .requestedServerName
        case "ROUTE_NAME": return .routeName
        case "GRPC_STATUS", "GRPC_STATUS_NUMBER": return .grpcStatus
        case "UPSTREAM_REQUEST_ATTEMPT_COUNT": return .upstreamRequestAttemptCount
        case "REQ", "REQUEST_HEADER": return requestHeaderField
        case "RESP", "RESPONSE_HEADER":
            return headers == ["X-ENVOY-UPSTREAM-SERVICE-TIME"] ? .upstreamServiceTime : nil
        default: return nil
        }
    }

    /// Header names of `REQ(X?Y)`, upper-cased.
    private var headers: [String] {
        (argument ?? "").uppercased().split(separator: "?").map { $0.trimmingSpaces }
    }

    private var requestHeaderField: AccessField? {
        let names = Set(headers)
        if names.isEmpty { return nil }
        if names.isSubset(of: [":PATH", "X-ENVOY-ORIGINAL-PATH"]) { return .path }
        if names.isSubset(of: [":AUTHORITY", "HOST"]) { return .authority }
        guard names.count == 1, let only = names.first else { return nil }
        switch only {
        case ":METHOD": return .method
        case "X-FORWARDED-FOR": return .xForwardedFor
        case "USER-AGENT": return .userAgent
        case "X-REQUEST-ID": return .requestId
        default: return nil
        }
    }

    /// True when the operator prints a plain integer (or `-`), so a match can be checked.
    var printsInteger: Bool {
        switch name {
        case "RESPONSE_CODE", "BYTES_RECEIVED", "BYTES_SENT", "DURATION", "UPSTREAM_REQUEST_ATTEMPT_COUNT",
             "GRPC_STATUS_NUMBER", "REQUEST_DURATION", "RESPONSE_DURATION", "RESPONSE_TX_DURATION":
            return true
        default:
            return false
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
