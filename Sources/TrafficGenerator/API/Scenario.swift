/// What the generated traffic shows. `healthy` is background traffic only; every other case mixes
/// the signature of one meshlog finding (raw value = the finding id) into that background, with
/// realistic magnitudes, so that finding is the top warning/critical one.
public enum Scenario: String, CaseIterable, Sendable {
    case healthy
    case connectionPinning = "connection-pinning"
    case protocolNotDetected = "protocol-not-detected"
    case circuitBreakerOverflow = "circuit-breaker-overflow"
    case upstreamTimeout = "upstream-timeout"
    case upstreamReset = "upstream-reset"
    case upstreamConnectionTermination = "upstream-connection-termination"
    case upstreamConnectFailure = "upstream-connect-failure"
    case tlsHandshakeFailure = "tls-handshake-failure"
    case noHealthyUpstream = "no-healthy-upstream"
    case noRoute = "no-route"
    case clusterNotFound = "cluster-not-found"
    case retriesExhausted = "retries-exhausted"
    case clientCancelled = "client-cancelled"
    case localReset = "local-reset"
    case rateLimited = "rate-limited"
    case accessDenied = "access-denied"
    case faultInjection = "fault-injection"
    case protocolError = "protocol-error"
    case streamIdleTimeout = "stream-idle-timeout"
    case maxStreamDuration = "max-stream-duration"
    case overloadManager = "overload-manager"
    case dnsFailure = "dns-failure"
    case passthroughTraffic = "passthrough-traffic"
    case blackholeTraffic = "blackhole-traffic"
    case failingUpstreamHost = "failing-upstream-host"
    case slowUpstreamHost = "slow-upstream-host"
    case grpcErrors = "grpc-errors"
    case grpcStatusNotLogged = "grpc-status-not-logged"
    case nonIdempotentRetries = "non-idempotent-retries"
    case trafficSplit = "traffic-split"

    /// True for scenarios whose signature lives in `%GRPC_STATUS%` / `%UPSTREAM_REQUEST_ATTEMPT_COUNT%`:
    /// they switch the default output (`istio19`) to `customGrpc`.
    var needsGrpcStatusFields: Bool {
        self == .grpcErrors || self == .nonIdempotentRetries
    }

    /// True for scenarios whose signature is per client pod: they switch `prefix: .none` to
    /// `.kubectlPrefix`.
    var needsPodPrefix: Bool { self == .connectionPinning }

    /// One line: what the scenario adds to the background traffic.
    public var summary: String {
        switch self {
        case .healthy: "background traffic only: balanced hosts, ~0.1 % errors, a trace of common flags"
        case .connectionPinning: "4 frontend pods each send all orders gRPC calls to one of 3 hosts (≈65/20/15 %)"
        case .protocolNotDetected: "frontend→orders:50051 gRPC carried as opaque TCP: few \"- - -\" lines, minutes long"
        case .circuitBreakerOverflow: "≈12 % of orders gRPC calls 200 UO {overflow}, 2 % of catalog calls 503 UO"
        case .upstreamTimeout: "≈9 % of catalog calls 504 UT: ¾ response_timeout at 3 s, ¼ upstream_per_try_timeout"
        case .upstreamReset: "≈7 % of payments gRPC calls 200 UR remote_reset / remote_refused_stream_reset"
        case .upstreamConnectionTermination: "≈5 % of catalog HTTP/1.1 calls 503 UC {connection_termination}"
        case .upstreamConnectFailure: "≈7 % of catalog calls 503 UF (connection refused), some URX,UF, on all hosts"
        case .tlsHandshakeFailure: "all reviews calls 503 UF with CERTIFICATE_VERIFY_FAILED transport failure"
        case .noHealthyUpstream: "payments has no healthy host for the middle 40 % of the log: 200 UH (gRPC)"
        case .noRoute: "≈10 % of catalog calls (/api/v2/…) 404 NR route_not_found, cluster \"-\""
        case .clusterNotFound: "≈20 % of reviews calls routed to missing subset v3: 503 NC cluster_not_found"
        case .retriesExhausted: "≈7 % of catalog calls 503 URX via_upstream after 3 attempts (route catalog-api)"
        case .clientCancelled: "≈9 % of orders calls 0 DC at the 1 s client deadline (server side DC, or DR on Istio 1.23+)"
        case .localReset: "≈6 % of payments gRPC calls 200 LR {local_reset}"
        case .rateLimited: "≈12 % of catalog calls 429 RL local_rate_limited on the catalog sidecars"
        case .accessDenied: "frontend→reviews denied: 403 rbac_access_denied_matched_policy[ns[shop]-policy[deny-frontend]-rule[0]], plus 403 UAEX"
        case .faultInjection: "≈8 % of catalog calls 503 FI fault_filter_abort, ≈5 % delayed 2 s (DI)"
        case .protocolError: "≈8 % of catalog calls 502 UPE {protocol_error}, 400 DPE http1.codec_error on frontend"
        case .streamIdleTimeout: "WatchOrders streams ending 200 SI stream_idle_timeout after 5 min (≈6 % of orders)"
        case .maxStreamDuration: "≈6 % of catalog calls (/api/v1/export) 504 UMSDR after 30 s"
        case .overloadManager: "one frontend pod's proxy sheds ≈35 % of its requests: 503 OM overload"
        case .dnsFailure: "calls to api.shipping-partner.example via dynamic_forward_proxy_cluster: 503 DF"
        case .passthroughTraffic: "≈8 % of lines to external hosts through PassthroughCluster (TCP and allow_any HTTP)"
        case .blackholeTraffic: "≈5 % of lines blocked: BlackHoleCluster 0 UH (TCP) and 502 direct_response block_all"
        case .failingUpstreamHost: "one catalog host of 3 answers ≈45 % 503 via_upstream; its siblings are healthy"
        case .slowUpstreamHost: "one catalog host of 3 with p50 5× and p99 >10× its siblings"
        case .grpcErrors: "customGrpc: PlaceOrder ≈18 % non-OK (Internal, Unavailable, FailedPrecondition)"
        case .grpcStatusNotLogged: "gRPC-heavy traffic in a format without grpc status; failures hide behind 200"
        case .nonIdempotentRetries: "customGrpc: ≈25 % of CreateOrder calls with 2–3 upstream attempts, then 200 OK"
        case .trafficSplit: "reviews split between subsets v1/v2 ≈70/30 (route reviews-canary)"
        }
    }
}
