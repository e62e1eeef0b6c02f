/// A reply Envoy generated itself (or a stream it cut), and how it shows in the client-side line:
/// code, flags, code details, transport failure reason, local-reply body size, timing, host.
///
/// gRPC requests get Envoy's gRPC local reply: HTTP 200, no body, the failure in `grpc-status`
/// (reference §11); plain HTTP gets the status and the body Envoy writes.
enum EnvoyFailure {
    case overflow
    case responseTimeout(ms: Int)
    case perTryTimeout(ms: Int, attempts: Int)
    case remoteReset(afterMs: Int)
    case refusedStream
    case connectionTermination
    case connectRefused
    case connectRefusedRetried
    case tlsVerifyFailed
    case tlsVerifyFailedRetried
    case noHealthyUpstream
    case noRoute
    case clusterNotFound
    case localReset(afterMs: Int)
    case faultAbort
    case upstreamProtocolError
    case streamIdleTimeout(ms: Int)
    case maxStreamDuration(ms: Int)
    case overload
    case dnsFailure
    case extAuthzDenied
    /// The client went away first (no response: code 0).
    case downstreamDisconnect(afterMs: Int)

    /// True when no upstream host was picked (`%UPSTREAM_HOST%` is `-`).
    var hasNoHost: Bool {
        switch self {
        case .overflow, .noHealthyUpstream, .noRoute, .clusterNotFound, .faultAbort, .overload, .dnsFailure,
             .extAuthzDenied: true
        default: false
        }
    }

    /// Rewrites the client-side line `e` (already filled as a normal request) into this failure.
    func apply(to e: inout AccessEvent, grpc: Bool, dialect: Dialect, rng: inout RandomSource) {
        var httpCode = 503
        var body: Text = ""
        var grpcStatus = 14
        var keepsConnection = true
        e.upstreamServiceMs = -1
        switch self {
        case .overflow:
            e.flags = "UO"; e.details = "upstream_reset_before_response_started{overflow}"
            body = "upstream connect error or disconnect/reset before headers. reset reason: overflow"
            e.durationMs = rng.range(0, 1)
        case .responseTimeout(let ms):
            httpCode = 504; e.flags = "UT"; e.details = "response_timeout"; body = "upstream request timeout"
            e.durationMs = ms + rng.range(0, 3)
        case .perTryTimeout(let ms, let attempts):
            httpCode = 504; e.flags = "UT"; e.details = "upstream_per_try_timeout"; body = "upstream request timeout"
            e.durationMs = ms * attempts + rng.range(20, 60); e.attempts = attempts
        case .remoteReset(let afterMs):
            e.flags = "UR"; e.details = "upstream_reset_before_response_started{remote_reset}"
            body = "upstream connect error or disconnect/reset before headers. reset reason: remote reset"
            e.durationMs = afterMs
        case .refusedStream:
            e.flags = "UR"; e.details = "upstream_reset_before_response_started{remote_refused_stream_reset}"
            body = "upstream connect error or disconnect/reset before headers. reset reason: remote refused stream reset"
            e.durationMs = rng.range(1, 4)
        case .connectionTermination:
            e.flags = "UC"; e.details = "upstream_reset_before_response_started{connection_termination}"
            body = "upstream connect error or disconnect/reset before headers. reset reason: connection termination"
            e.durationMs = rng.range(0, 4)
        case .connectRefused:
            e.flags = "UF"; e.details = dialect.connectRefusedDetails; e.transportFailure = dialect.connectRefusedReason
            body = dialect.connectRefusedBody; e.durationMs = rng.range(0, 2); keepsConnection = false
        case .connectRefusedRetried:
            e.flags = dialect.connectFailureRetried; e.details = dialect.connectRefusedDetails
            e.transportFailure = dialect.connectRefusedReason; body = dialect.connectRefusedRetriedBody
            e.durationMs = rng.range(25, 120); e.attempts = 3; keepsConnection = false
        case .tlsVerifyFailed, .tlsVerifyFailedRetried:
            e.flags = "UF"; e.details = dialect.tlsFailureDetails
            e.transportFailure = "TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end"
            body = dialect.tlsFailureBody; e.durationMs = rng.range(2, 9); keepsConnection = false
            if case .tlsVerifyFailedRetried = self {
                e.flags = dialect.connectFailureRetried; e.durationMs = rng.range(30, 90); e.attempts = 3
                body = dialect.tlsFailureRetriedBody
            }
        case .noHealthyUpstream:
            e.flags = "UH"; e.details = "no_healthy_upstream"; body = "no healthy upstream"; e.durationMs = 0
            e.attempts = 0
        case .noRoute:
            httpCode = 404; grpcStatus = 12; e.flags = "NR"; e.details = "route_not_found"; e.durationMs = 0
            e.upstreamCluster = "-"; e.routeName = ""; e.attempts = 0
        case .clusterNotFound:
            e.flags = "NC"; e.details = "cluster_not_found"; e.durationMs = 0; e.upstreamCluster = "-"; e.attempts = 0
        case .localReset(let afterMs):
            e.flags = "LR"; e.details = "upstream_reset_before_response_started{local_reset}"
            body = "upstream connect error or disconnect/reset before headers. reset reason: local reset"
            e.durationMs = afterMs
        case .faultAbort:
            e.flags = "FI"; e.details = "fault_filter_abort"; body = "fault filter abort"; e.durationMs = 0
            e.attempts = 0
        case .upstreamProtocolError:
            httpCode = 502; e.flags = "UPE"; e.details = "upstream_reset_before_response_started{protocol_error}"
            body = "upstream connect error or disconnect/reset before headers. reset reason: protocol error"
            e.durationMs = rng.range(1, 6)
        case .streamIdleTimeout(let ms):
            httpCode = 408; e.flags = "SI"; e.details = "stream_idle_timeout"; body = "stream timeout"
            e.durationMs = ms + rng.range(0, 4)
            if grpc { grpcStatus = -1; e.upstreamServiceMs = rng.range(2, 9) }
        case .maxStreamDuration(let ms):
            httpCode = 504; e.flags = "UMSDR"; e.details = "upstream_max_stream_duration_reached"
            body = "upstream max stream duration reached"; e.durationMs = ms + rng.range(0, 2)
        case .overload:
            e.flags = "OM"; e.details = "overload"; body = "envoy overloaded"; e.durationMs = 0
            e.upstreamCluster = "-"; e.routeName = ""; e.attempts = 0
        case .dnsFailure:
            e.flags = "DF"; e.details = "dns_resolution_failure"; body = "DNS resolution failure"
            e.durationMs = rng.range(3, 40); e.attempts = 0
        case .extAuthzDenied:
            httpCode = 403; grpcStatus = 7; e.flags = "UAEX"; e.details = "ext_authz_denied"
            e.durationMs = rng.range(2, 12); e.attempts = 0
        case .downstreamDisconnect(let afterMs):
            e.flags = "DC"; e.details = "downstream_remote_disconnect"; e.durationMs = afterMs
            e.code = 0; e.bytesSent = 0; e.grpcStatus = -1
            return
        }
        if hasNoHost {
            e.upstreamHost = .none
            e.upstreamLocal = .none
        } else if !keepsConnection {
            e.upstreamLocal = .none
        }
        if grpc {
            e.code = 200
            e.bytesSent = 0
            e.grpcStatus = grpcStatus
            if case .streamIdleTimeout = self { e.bytesSent = rng.size(200, 3000) }
        } else {
            e.code = httpCode
            e.bytesSent = body.count
            e.grpcStatus = -1
        }
    }
}
