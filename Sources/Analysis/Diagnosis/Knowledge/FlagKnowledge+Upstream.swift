import AccessLog

/// Flags about the upstream's answer: timeouts, resets, protocol errors, durations.
extension FlagKnowledgeBase {
    static let upstream: [FlagKnowledge] = [
        FlagKnowledge(
            flag: .noHealthyUpstream,
            meaning: """
                Envoy had no healthy endpoint to send the request to. The cluster exists, but its load-balancing \
                set is empty: the service has no ready pods, the DestinationRule subset's labels select no pod, \
                or outlier detection ejected every host. Envoy answers 503 `no_healthy_upstream` (19 bytes) \
                itself; for TCP the connection is closed (code 0).
                """,
            causes: [
                "The Service has no ready endpoints: pods crash-looping, not ready, scaled to zero, or a selector typo.",
                "A DestinationRule subset whose labels match no running pod (e.g. `version: v2` after v2 was removed).",
                "Outlier detection ejected all hosts (every pod failing at once, or maxEjectionPercent: 100).",
                "EDS not yet pushed to this proxy (new service, istiod overloaded).",
            ],
            checks: [
                "Does `istioctl proxy-config endpoint` list endpoints for the cluster, and are they HEALTHY?",
                "Do the subset labels in the DestinationRule match the pods' labels?",
                "Are there 5xx or connect failures on the same cluster just before UH (ejection)?",
            ],
            fixes: [IstioSnippets.outlierDetection],
            verify: [VerifyCommands.endpoints, VerifyCommands.endpointSlices, VerifyCommands.routingYAML],
            finding: .noHealthyUpstream),
        FlagKnowledge(
            flag: .upstreamRequestTimeout,
            meaning: """
                The upstream did not send a complete response in time. Envoy gave up and answered 504 \
                `upstream request timeout` (gRPC: 200 with grpc-status UNAVAILABLE). The code details tell \
                which timer fired: `response_timeout` (older `upstream_response_timeout`) is the route timeout \
                — VirtualService `timeout`, or for gRPC the client's `grpc-timeout` — and \
                `upstream_per_try_timeout` is `retries.perTryTimeout`. Istio sets `max_grpc_timeout` to the \
                route timeout, 0 when the VirtualService sets none, so a client's `grpc-timeout` is enforced \
                uncapped: UT can happen with no VirtualService timeout at all.
                """,
            causes: [
                "The service is slower than the route timeout (load, a slow dependency, GC pauses).",
                "gRPC: the client's `grpc-timeout` deadline is shorter than the call needs (enforced even without a VirtualService timeout).",
                "A per-try timeout shorter than normal latency, so every attempt times out.",
                "A VirtualService timeout on a streaming or long-polling route (set `timeout: 0s` there).",
                "One slow pod: see if UT concentrates on one upstream host.",
            ],
            checks: [
                "Code details: `response_timeout` (route) or `upstream_per_try_timeout` (per try)?",
                "Duration of UT lines ≈ the configured timeout; compare with the cluster's p99.",
            ],
            fixes: [IstioSnippets.virtualServiceTimeout],
            verify: [VerifyCommands.routes, VerifyCommands.routingYAML, VerifyCommands.stats("upstream_rq_timeout|per_try_timeout")],
            finding: .upstreamTimeout),
        FlagKnowledge(
            flag: .upstreamRemoteReset,
            meaning: """
                The upstream reset the *stream*: an HTTP/2 or HTTP/3 RST_STREAM (`remote_reset`), a refused \
                stream (`remote_refused_stream_reset`), or a failed CONNECT (`remote_connect_failure`). The \
                upstream closing or resetting an already-connected *connection* is UC (or UPE on a protocol \
                error), not UR. Before response headers Envoy answers 503 \
                `upstream_reset_before_response_started{remote_reset}`; after them the client sees the \
                upstream's code (often 200) with a truncated body.
                """,
            causes: [
                "The server app reset the stream itself: request too large, a handler error, or a cancellation propagated from its own client.",
                "The server refused the stream (`remote_refused_stream_reset`): its HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS is reached, or it is going away.",
                "gRPC server connection ageing (MaxConnectionAge) with too short a grace: streams still running when the grace ends are reset.",
                "A CONNECT (tunnel) request the upstream could not complete (`remote_connect_failure`).",
            ],
            checks: [
                "Code details: `remote_reset`, `remote_refused_stream_reset`, before or after response started?",
                "Server logs at the same timestamps; a crashed or restarted server closes connections (UC), not streams.",
            ],
            fixes: [IstioSnippets.grpcServerKeepalive, IstioSnippets.virtualServiceRetryReset],
            verify: ["kubectl get pods -n {namespace} -o wide", "kubectl logs <server-pod> -n {namespace} --previous",
                     VerifyCommands.stats("upstream_rq_rx_reset|upstream_cx_destroy_remote")],
            finding: .upstreamReset),
        FlagKnowledge(
            flag: .upstreamProtocolError,
            meaning: """
                The upstream's bytes broke the HTTP protocol Envoy expected: invalid headers, bad framing, or a \
                different protocol altogether (HTTP/1.1 bytes on a connection Envoy opened as HTTP/2). Envoy \
                answers 502 (or keeps the upstream's code when headers were already sent).
                """,
            causes: [
                "The Service port declares HTTP/2 or gRPC (`grpc-*`, `http2-*`, appProtocol) but the app speaks HTTP/1.1.",
                "`h2UpgradePolicy: UPGRADE` (or mesh-wide h2 upgrade) towards an HTTP/1.1-only server.",
                "The app sends headers Envoy rejects (underscores, invalid characters, too many or too large).",
            ],
            checks: ["What does the Service port name / appProtocol say, and what does the app really speak?"],
            fixes: [IstioSnippets.servicePortHTTP, IstioSnippets.noH2Upgrade],
            verify: [VerifyCommands.service, VerifyCommands.clusterConfig],
            finding: .protocolError),
        FlagKnowledge(
            flag: .upstreamMaxStreamDurationReached,
            meaning: """
                The upstream cluster's `max_stream_duration` (`common_http_protocol_options` of the cluster) or \
                a request's `x-envoy-upstream-stream-duration-ms` limit expired and Envoy ended the upstream \
                stream. Istio never sets the cluster's max stream duration: it comes from an EnvoyFilter or \
                from clients sending the header. The route-level `max_stream_duration` and \
                `grpc_timeout_header_max` are different: they end the request with `max_duration_timeout` and \
                set no flag (the gRPC DEADLINE_EXCEEDED path).
                """,
            causes: [
                "An EnvoyFilter sets the cluster's max_stream_duration for a service that carries long-lived streams (watch, SSE, gRPC streaming).",
                "Clients send `x-envoy-upstream-stream-duration-ms` shorter than their streams need.",
            ],
            checks: ["Does `istioctl proxy-config cluster --fqdn … -o json` show maxStreamDuration in commonHttpProtocolOptions?"],
            fixes: [IstioSnippets.maxStreamDuration],
            verify: [VerifyCommands.clusterConfig, VerifyCommands.envoyFilters],
            finding: .maxStreamDuration),
        FlagKnowledge(
            flag: .durationTimeout,
            meaning: """
                A connection lived longer than its configured maximum duration and Envoy closed it. For TCP \
                this is DestinationRule `connectionPool.tcp.maxConnectionDuration` (code 0). For HTTP the flag \
                is set only when the connection's max duration fires before any request was parsed; with \
                requests in flight the connection drains, no flag is set and no 504 is involved.
                """,
            causes: [
                "DestinationRule `tcp.maxConnectionDuration` shorter than the connections the app keeps open.",
                "An HTTP connection-manager `max_connection_duration` (EnvoyFilter) on connections that open and wait before their first request.",
            ],
            checks: ["Durations of DT lines ≈ the configured maximum?"],
            fixes: [IstioSnippets.maxConnectionDuration],
            verify: [VerifyCommands.clusterConfig, VerifyCommands.routes],
            finding: .maxStreamDuration),
    ]
}
