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
                `upstream request timeout` (gRPC: 200 with grpc-status UNAVAILABLE/DEADLINE_EXCEEDED). The code \
                details tell which timer fired: `response_timeout` (older `upstream_response_timeout`) is the \
                route timeout — VirtualService `timeout` — and `upstream_per_try_timeout` is \
                `retries.perTryTimeout`. Istio sets no route timeout unless the VirtualService has one; for \
                gRPC it also caps the client's `grpc-timeout` at that timeout.
                """,
            causes: [
                "The service is slower than the route timeout (load, a slow dependency, GC pauses).",
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
                The upstream reset the stream (HTTP/2 RST_STREAM) or the connection (TCP RST). Before response \
                headers Envoy answers 503 `upstream_reset_before_response_started{remote_reset}`; after them the \
                client sees the upstream's code (often 200) with a truncated body.
                """,
            causes: [
                "gRPC server connection ageing (MaxConnectionAge) with too short a grace: in-flight RPCs are cut.",
                "The app crashed, was OOM-killed or restarted mid-request.",
                "The server refused the stream (`remote_refused_stream_reset`): its max concurrent streams is reached.",
                "The app deliberately resets (request too large, cancellation propagated from its own client).",
            ],
            checks: [
                "Code details: `remote_reset`, `remote_refused_stream_reset`, before or after response started?",
                "Pod restarts / OOMKilled on the server; server logs at the same timestamps.",
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
                The request hit the route's `max_stream_duration` and Envoy ended it (408 or 504; gRPC \
                DEADLINE_EXCEEDED). Istio sidecars do not set it from a VirtualService (the VirtualService \
                `timeout` becomes the route timeout → UT); it comes from an EnvoyFilter, a proxyless-gRPC \
                route, or `grpc_timeout_header_max`, which turns the client's `grpc-timeout` into the limit.
                """,
            causes: [
                "An EnvoyFilter sets max_stream_duration on a route that carries long-lived streams (watch, SSE, gRPC streaming).",
                "Clients send a `grpc-timeout` deadline shorter than the stream needs, and grpc_timeout_header_max applies it.",
            ],
            checks: ["Does `istioctl proxy-config route` show maxStreamDuration with a non-zero value on the route?"],
            fixes: [IstioSnippets.maxStreamDuration],
            verify: [VerifyCommands.routes, VerifyCommands.envoyFilters],
            finding: .maxStreamDuration),
        FlagKnowledge(
            flag: .durationTimeout,
            meaning: """
                The stream or connection lived longer than its configured maximum duration and Envoy closed it \
                (HTTP 504, TCP code 0). For TCP this is DestinationRule `connectionPool.tcp.maxConnectionDuration`; \
                for HTTP a route or connection-manager max duration.
                """,
            causes: [
                "DestinationRule `tcp.maxConnectionDuration` shorter than the connections the app keeps open.",
                "A route/HCM max duration (EnvoyFilter) on long-running requests or streams.",
            ],
            checks: ["Durations of DT lines ≈ the configured maximum?"],
            fixes: [IstioSnippets.connectionPoolTCP],
            verify: [VerifyCommands.clusterConfig, VerifyCommands.routes],
            finding: .maxStreamDuration),
    ]
}
