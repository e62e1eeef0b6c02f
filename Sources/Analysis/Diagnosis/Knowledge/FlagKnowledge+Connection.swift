import AccessLog

/// Flags about upstream connections: connect failures, terminations, circuit breakers, retries.
extension FlagKnowledgeBase {
    static let connection: [FlagKnowledge] = [
        FlagKnowledge(
            flag: .upstreamConnectionFailure,
            meaning: """
                Envoy could not establish a connection to the chosen upstream host: the TCP connect was refused \
                or timed out, or the TLS handshake failed. `%UPSTREAM_TRANSPORT_FAILURE_REASON%` (or the code \
                details suffix) names it: `delayed_connect_error:_111` / `Connection_refused` (nothing listens), \
                `_113` / `No_route_to_host` (the IP is gone), `connection_timeout`, or `TLS_error:…` (mTLS/TLS). \
                Often logged together with URX when Istio's default retries are used up.
                """,
            causes: [
                "Nothing listens on the target port: wrong Service targetPort, the app listens on 127.0.0.1 only, or it is still starting.",
                "The endpoint is gone (pod deleted or rescheduled) but still in the proxy's endpoint list for a moment.",
                "A NetworkPolicy or firewall drops the connection (connect timeout).",
                "TLS failure: the client's mTLS/TLS settings do not match the server's (see tls-handshake-failure).",
                "connectTimeout too short for a slow or distant upstream.",
            ],
            checks: [
                "Transport failure reason: refused (111), no route (113), timeout, or TLS_error?",
                "Do the failures concentrate on one upstream host (a dying pod) or hit all hosts (config)?",
                "Does the Service targetPort equal the container's listening port?",
            ],
            fixes: [IstioSnippets.serviceTargetPort, IstioSnippets.outlierDetection],
            verify: [VerifyCommands.endpoints, VerifyCommands.service, VerifyCommands.describePod,
                     VerifyCommands.stats("upstream_cx_connect_fail|upstream_cx_connect_timeout")],
            finding: .upstreamConnectFailure),
        FlagKnowledge(
            flag: .upstreamConnectionTermination,
            meaning: """
                The upstream closed the connection while a request was on it, before a full response \
                (`upstream_reset_before_response_started{connection_termination}`). The classic case is a \
                keep-alive race: the app closes a connection it considers idle exactly when Envoy reuses it.
                """,
            causes: [
                "The app's keep-alive / idle timeout is shorter than Envoy's upstream idleTimeout (default 1 h).",
                "The app or pod restarted or was scaled down without graceful connection draining.",
                "A plaintext client talking to a STRICT mTLS server (the server side closes the connection).",
                "The app closes the connection after an error or a max-requests-per-connection limit.",
            ],
            checks: [
                "Are UC lines spread thinly over time on all hosts (keep-alive race) or clustered at rollouts?",
                "What is the app server's keep-alive timeout (Node.js 5 s, Go http.Server IdleTimeout, …)?",
            ],
            fixes: [IstioSnippets.idleTimeout, IstioSnippets.virtualServiceRetryReset],
            verify: [VerifyCommands.clusterConfig, VerifyCommands.stats("upstream_cx_destroy_remote_with_active_rq|upstream_rq_rx_reset")],
            finding: .upstreamConnectionTermination),
        FlagKnowledge(
            flag: .upstreamOverflow,
            meaning: """
                A circuit breaker tripped: a DestinationRule `connectionPool` limit was reached and Envoy \
                rejected the request locally (503 with `{overflow}`; gRPC: 200 with grpc-status UNAVAILABLE). \
                The limits are per client proxy and per cluster: http2MaxRequests (active requests), \
                http1MaxPendingRequests (queue), tcp.maxConnections and maxRetries; Istio's default for each \
                is 2³²−1 (unlimited). On a retry overflow the first attempt was sent; only the retry was \
                refused. `maxConcurrentStreams` is an HTTP/2 setting per connection, not a circuit breaker.
                """,
            causes: [
                "http2MaxRequests too low for the real concurrency (requests/s × latency).",
                "http1MaxPendingRequests too low with tcp.maxConnections limiting HTTP/1.1 connections.",
                "The upstream slowed down, so the same request rate needs more concurrent requests.",
                "maxRetries too low during a retry storm (retry overflow: the first attempt went out, the retry was refused).",
            ],
            checks: [
                "Which counter grows: upstream_rq_pending_overflow, upstream_cx_overflow, upstream_rq_retry_overflow?",
                "Did latency rise before UO started (slow upstream) or is traffic simply higher?",
            ],
            fixes: [IstioSnippets.connectionPoolLimit],
            verify: [VerifyCommands.clusterConfig, VerifyCommands.stats("overflow|circuit_breakers")],
            finding: .circuitBreakerOverflow),
        FlagKnowledge(
            flag: .upstreamRetryLimitExceeded,
            meaning: """
                Envoy retried and every attempt failed, so the last failure went to the client. For HTTP this is \
                the route retry policy (VirtualService `retries`; Istio's default is 2 attempts on \
                connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes/503). For TCP it means \
                the connect attempts were used up, usually logged as `UF,URX`. URX has no detail of its own: the \
                details are the last attempt's (`via_upstream` = the app kept answering 503/UNAVAILABLE).
                """,
            causes: [
                "The underlying failure (UF, UT, UC, UR, UO logged with it) persists across attempts: fix that first.",
                "The app returns retriable errors (503, gRPC UNAVAILABLE) on every attempt (details `via_upstream`).",
                "All attempts go to the same failing host: no outlier detection, or a single endpoint.",
            ],
            checks: ["Which flags come with URX (`UF,URX`, `UT,URX`…)? `via_upstream` alone means the app's 5xx."],
            fixes: [IstioSnippets.virtualServiceTimeout, IstioSnippets.outlierDetection],
            verify: [VerifyCommands.routes, VerifyCommands.stats("upstream_rq_retry")],
            finding: .retriesExhausted),
        FlagKnowledge(
            flag: .localReset,
            meaning: """
                Envoy reset the upstream stream itself, e.g. while draining a listener or connection during a \
                configuration change or shutdown, or when an HTTP/1 upstream half-closed prematurely \
                (`upstream_reset_before_response_started{local_reset}`).
                """,
            causes: [
                "The proxy is draining: pod shutdown, or a listener/cluster update pushed by istiod.",
                "The upstream HTTP/1 server half-closed the connection early (premature close).",
                "A local limit on the upstream connection (e.g. stream limits) was hit.",
            ],
            checks: ["Do LR lines coincide with pod terminations or config pushes (`istioctl proxy-status`)?"],
            fixes: [IstioSnippets.drainOnShutdown],
            verify: [VerifyCommands.proxyStatus, VerifyCommands.proxyLogs],
            finding: .localReset),
    ]
}
