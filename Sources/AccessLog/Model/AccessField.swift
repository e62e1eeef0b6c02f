/// Every access-log field meshlog understands, named as Istio's JSON access-log keys.
public enum AccessField: Int, CaseIterable, Sendable {
    case startTime
    case method
    case path
    case `protocol`
    case responseCode
    case responseFlags
    case responseCodeDetails
    case connectionTerminationDetails
    case upstreamTransportFailureReason
    case bytesReceived
    case bytesSent
    case duration
    case upstreamServiceTime
    case xForwardedFor
    case userAgent
    case requestId
    case authority
    case upstreamHost
    case upstreamCluster
    case upstreamLocalAddress
    case downstreamLocalAddress
    case downstreamRemoteAddress
    case requestedServerName
    case routeName
    case grpcStatus
    case upstreamRequestAttemptCount

    /// Number of fields; the size of a record's field table.
    public static let count = 26

    /// The key Istio uses for this field in its JSON access-log encoding (and `meshlog parse` uses).
    public var jsonKey: String {
        switch self {
        case .startTime: "start_time"
        case .method: "method"
        case .path: "path"
        case .protocol: "protocol"
        case .responseCode: "response_code"
        case .responseFlags: "response_flags"
        case .responseCodeDetails: "response_code_details"
        case .connectionTerminationDetails: "connection_termination_details"
        case .upstreamTransportFailureReason: "upstream_transport_failure_reason"
        case .bytesReceived: "bytes_received"
        case .bytesSent: "bytes_sent"
        case .duration: "duration"
        case .upstreamServiceTime: "upstream_service_time"
        case .xForwardedFor: "x_forwarded_for"
        case .userAgent: "user_agent"
        case .requestId: "request_id"
        case .authority: "authority"
        case .upstreamHost: "upstream_host"
        case .upstreamCluster: "upstream_cluster"
        case .upstreamLocalAddress: "upstream_local_address"
        case .downstreamLocalAddress: "downstream_local_address"
        case .downstreamRemoteAddress: "downstream_remote_address"
        case .requestedServerName: "requested_server_name"
        case .routeName: "route_name"
        case .grpcStatus: "grpc_status"
        case .upstreamRequestAttemptCount: "upstream_request_attempt_count"
        }
    }

    /// Fields that `meshlog parse` prints as JSON integers.
    var isInteger: Bool {
        switch self {
        case .responseCode, .bytesReceived, .bytesSent, .duration: true
        default: false
        }
    }
}
