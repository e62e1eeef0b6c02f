import AccessLog

/// Timeouts, retries and cancellations.
extension FindingKnowledgeBase {
    static let timeouts: [FindingKnowledge] = [
        FindingKnowledge(
            id: .upstreamTimeout,
            summary: "The service did not answer within the route timeout, the per-try timeout or the client's grpc-timeout (UT).",
            titleTemplate: "UT on {share} of requests to {service} ({count} of {total})",
            signature: "UT flags; details `response_timeout` / `upstream_response_timeout` (route timeout) or `upstream_per_try_timeout` (retries.perTryTimeout).",
            thresholds: failureThresholds,
            flags: [.upstreamRequestTimeout],
            causes: [
                Cause("per-try", "`retries.perTryTimeout` is shorter than the service's normal latency, so attempts time out and are retried."),
                Cause("route", "The VirtualService `timeout` is shorter than the service needs for some requests."),
                Cause("grpc-timeout", "gRPC clients send a `grpc-timeout` deadline shorter than the call needs. Istio sets `max_grpc_timeout` to the route timeout (0 without a VirtualService timeout), so the client's deadline is enforced uncapped: UT without any VirtualService timeout. The client sees UNAVAILABLE."),
                Cause("slow-service", "The service itself got slow (load, a slow dependency, GC, CPU throttling)."),
                Cause("slow-host", "One slow pod times out while the others answer in time."),
                Cause("streaming", "A streaming or long-polling route has a timeout (set `timeout: 0s` for it)."),
            ],
            fixes: [IstioSnippets.virtualServiceTimeout],
            verify: [VerifyCommands.routes, VerifyCommands.routingYAML, VerifyCommands.stats("upstream_rq_timeout|per_try_timeout")]),
        FindingKnowledge(
            id: .retriesExhausted,
            summary: "Every retry attempt failed (URX); the retry policy only delayed the error.",
            titleTemplate: "URX on {share} of requests to {service} ({count} of {total})",
            signature: "URX flags. With UF/UT/UC/UR/UO/UH in the same line the underlying cause is reported first and this finding second.",
            thresholds: failureThresholds + "; when another finding reports the underlying cause on the same cluster, never more severe than it and ranked right after it",
            flags: [.upstreamRetryLimitExceeded],
            causes: [
                Cause("underlying", "The failure being retried persists across attempts; the flags logged with URX name it."),
                Cause("app-errors", "The app answers retriable errors (503, gRPC UNAVAILABLE) on every attempt (details `via_upstream`)."),
                Cause("same-host", "Attempts land on the same failing host: add outlier detection so bad hosts are ejected."),
                Cause("policy", "The retry policy does not fit: Istio's default (mesh-wide `meshConfig.defaultHttpRetryPolicy`) is 2 attempts on connect-failure,refused-stream,unavailable,cancelled (plus 503 before Istio 1.24); revisit the VirtualService `retries.attempts/perTryTimeout/retryOn`."),
            ],
            fixes: [IstioSnippets.virtualServiceTimeout, IstioSnippets.outlierDetection],
            verify: [VerifyCommands.routes, VerifyCommands.stats("upstream_rq_retry")]),
        FindingKnowledge(
            id: .clientCancelled,
            summary: "Clients give up before the response (DC, DR): deadlines shorter than the service's latency.",
            titleTemplate: "{flag}: clients cancelled {share} of requests to {service} ({count} of {total})",
            signature: """
                DC (downstream connection termination) and DR (downstream remote reset) flags. A gRPC cancel is \
                logged as DR by both the client's (`outbound|…`) and the server's (`inbound|…`) sidecar: the two \
                records are paired by request id (or, when no id is logged, by authority, path and start time \
                within 1 s) and reported once, on the client's cluster, with the server's side as evidence \
                (fact "Seen by both sidecars", a sample of each side). Server-side records with no client-side \
                partner stay a finding of their own. Pairing keeps up to 4,096 unpaired records; beyond, the \
                counts are upper bounds and the finding says so.
                """,
            thresholds: "nothing below 5 occurrences or 0.1%; warning at ≥ 5% and ≥ max(5, √requests) (the count bound grows with traffic: 20 in 400 requests, 100 in 10,000); info otherwise (never critical: the client left)",
            flags: [.downstreamConnectionTermination, .downstreamRemoteReset],
            causes: [
                Cause("deadline", "Client timeouts or gRPC deadlines are shorter than the service's latency: the client gives up first."),
                Cause("deliberate", "Cancellation is part of normal use: users navigating away, hedged requests, streams ended by the client."),
                Cause("client-shutdown", "Client pods terminated with requests in flight (rollout, scale-down)."),
                Cause("envoy-close", "DC only: Envoy closed the downstream connection itself (`downstream_local_disconnect(…)`: drain on a config push or shutdown, idle timeout), not the client."),
            ],
            fixes: [IstioSnippets.virtualServiceTimeout],
            verify: [VerifyCommands.proxyLogsWithFlag("DC"), VerifyCommands.proxyLogsWithFlag("DR")]),
        FindingKnowledge(
            id: .streamIdleTimeout,
            summary: "Streams were idle longer than the stream idle timeout and were ended (SI).",
            titleTemplate: "SI on {share} of requests to {service} ({count} of {total})",
            signature: "SI flags (details `stream_idle_timeout`).",
            thresholds: failureThresholds,
            flags: [.streamIdleTimeout],
            causes: [
                Cause("quiet-stream", "A long-lived stream (gRPC streaming, SSE, websocket) stays silent longer than the idle timeout (Envoy default 5 min)."),
                Cause("stuck-upstream", "The upstream stops sending in the middle of a response."),
            ],
            fixes: [IstioSnippets.streamIdleTimeout],
            verify: [VerifyCommands.envoyFilters, VerifyCommands.listener]),
        FindingKnowledge(
            id: .maxStreamDuration,
            summary: "Upstream streams or connections hit their maximum duration (UMSDR, DT).",
            titleTemplate: "{flag} on {share} of requests to {service} ({count} of {total})",
            signature: "UMSDR (the upstream cluster's max stream duration, or `x-envoy-upstream-stream-duration-ms`) or DT (max connection duration: TCP, or an HTTP connection before its first request) flags. The route-level max stream duration sets no flag.",
            thresholds: failureThresholds,
            flags: [.upstreamMaxStreamDurationReached, .durationTimeout],
            causes: [
                Cause("streaming-timeout", "An EnvoyFilter sets the upstream cluster's `max_stream_duration` for a service that carries long-lived streams (UMSDR); Istio never sets it itself."),
                Cause("duration-header", "Clients send `x-envoy-upstream-stream-duration-ms` shorter than their streams need (UMSDR)."),
                Cause("tcp-max-duration", "DestinationRule `connectionPool.tcp.maxConnectionDuration` closes connections the app keeps open longer (DT)."),
                Cause("http-connection-duration", "An HTTP connection-manager `max_connection_duration` (EnvoyFilter) fired on a connection before its first request was parsed (DT; with requests in flight the connection drains and no flag is set)."),
            ],
            fixes: [IstioSnippets.maxStreamDuration, IstioSnippets.maxConnectionDuration],
            verify: [VerifyCommands.routes, VerifyCommands.envoyFilters, VerifyCommands.clusterConfig]),
        FindingKnowledge(
            id: .nonIdempotentRetries,
            summary: "Create-like calls were sent more than once: retries may duplicate side effects.",
            titleTemplate: "{method} retried on {retried} of {total} requests (up to {attempts} attempts): side effects may be duplicated",
            signature: "More than one upstream attempt (`%UPSTREAM_REQUEST_ATTEMPT_COUNT%` > 1) on create-like methods (Create*, Post*, Insert*, Add*, Submit*, Send*, Charge*, Pay*, Place*, Transfer*, Book*, Reserve*, Publish*, Append*, Increment*, Purchase*, and HTTP POST).",
            thresholds: "warning from 3 retried requests that are ≥ 1% of the method's requests; info below; only when the format logs the attempt count",
            flags: [],
            causes: [
                Cause("default-policy", "Istio's default retry policy (2 attempts on connect-failure,refused-stream,unavailable,cancelled, plus 503 before Istio 1.24; mesh-wide `meshConfig.defaultHttpRetryPolicy`) applies to every method, including ones that create things."),
                Cause("retry-on-reset", "`retryOn` includes `reset` or `5xx`: a request the app already processed can be sent again when the response is lost."),
                Cause("app-5xx", "The app returns retriable errors after committing the side effect."),
            ],
            fixes: [FixTemplate("Disable retries for {method} (or retry only when the request never left)", """
                # A VirtualService for {fqdn} exists already? Do not apply this over it: it would replace all its
                # routes. Add the first route below (the match on {method}) in front of its routes instead.
                # None yet? Apply this one:
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: {service}
                  namespace: {namespace}
                spec:
                  hosts:
                  - {fqdn}
                  http:
                  - match:
                    - uri:
                        exact: {method}       # gRPC: /pkg.Service/Method; HTTP: also match `method: {exact: POST}`
                    route:
                    - destination:
                        host: {fqdn}
                        port:
                          number: {port}
                    retries:
                      attempts: 1
                      retryOn: connect-failure,refused-stream   # safe: the request never reached the app
                  - route:                                      # everything else keeps the usual policy
                    - destination:
                        host: {fqdn}
                # Better still: make the call idempotent with a client-generated idempotency key.
                """)],
            verify: [VerifyCommands.routes, VerifyCommands.routingYAML]),
    ]
}
