import AccessLog

/// Resets, terminations and protocol errors between the proxy and the service.
extension FindingKnowledgeBase {
    static let errors: [FindingKnowledge] = [
        FindingKnowledge(
            id: .upstreamReset,
            summary: "The service resets HTTP/2 streams mid-request (UR); a closed connection is UC.",
            titleTemplate: "UR on {share} of requests to {service} ({count} of {total})",
            signature: "UR flags on a cluster (a stream-level reset: RST_STREAM, refused stream, failed CONNECT); details `{remote_reset}`, `{remote_refused_stream_reset}`, before or after the response started.",
            thresholds: failureThresholds,
            flags: [.upstreamRemoteReset],
            causes: [
                Cause("app-reset", "The app resets streams itself (payload too large, a handler error, its own upstream failed, cancellation propagation)."),
                Cause("refused-stream", "The server refuses new streams (`remote_refused_stream_reset`): its HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS is reached, or it is going away."),
                Cause("max-connection-age", "gRPC server connection ageing (`MaxConnectionAge`) with a short or no `MaxConnectionAgeGrace`: streams still running when the grace ends are reset."),
                Cause("connect", "A CONNECT (tunnel) request that the upstream could not complete (`remote_connect_failure`)."),
            ],
            fixes: [IstioSnippets.grpcServerKeepalive, IstioSnippets.virtualServiceRetryReset],
            verify: ["kubectl logs -n {namespace} -l app={service} --since=1h | grep -i -E 'reset|cancel|too large'",
                     VerifyCommands.stats("upstream_rq_rx_reset|upstream_rq_tx_reset")]),
        FindingKnowledge(
            id: .upstreamConnectionTermination,
            summary: "The service closes connections while requests are on them (UC, keep-alive race).",
            titleTemplate: "UC on {share} of requests to {service} ({count} of {total})",
            signature: "UC flags / `connection_termination` details on a cluster.",
            thresholds: failureThresholds,
            flags: [.upstreamConnectionTermination],
            causes: [
                Cause("keepalive-race", "The app's keep-alive/idle timeout is shorter than Envoy's upstream `idleTimeout` (1 h default): the app closes a connection just as Envoy reuses it."),
                Cause("restart", "Pods crash, restart or scale down without draining connections (no preStop delay / graceful shutdown)."),
                Cause("mtls-plaintext", "A plaintext client reaches a STRICT mTLS server, which closes the connection."),
                Cause("app-close", "The app closes connections after errors or after N requests."),
            ],
            fixes: [IstioSnippets.idleTimeout, IstioSnippets.virtualServiceRetryReset],
            verify: [VerifyCommands.clusterConfig, VerifyCommands.stats("upstream_cx_destroy_remote_with_active_rq|upstream_rq_rx_reset")]),
        FindingKnowledge(
            id: .localReset,
            summary: "The proxy reset upstream streams itself (LR): draining, shutdown or premature close.",
            titleTemplate: "LR on {share} of requests to {service} ({count} of {total})",
            signature: "LR flags (details `{local_reset}`).",
            thresholds: failureThresholds,
            flags: [.localReset],
            causes: [
                Cause("draining", "The proxy is draining connections: pod shutdown, or listeners/clusters replaced by a config push."),
                Cause("premature-close", "An HTTP/1 upstream half-closed its connection early (premature upstream close)."),
                Cause("limits", "A local limit on the upstream connection was hit."),
            ],
            fixes: [IstioSnippets.drainOnShutdown],
            verify: [VerifyCommands.proxyStatus, VerifyCommands.proxyLogs]),
        FindingKnowledge(
            id: .protocolError,
            summary: "HTTP protocol errors between client, proxy and service (DPE, UPE, IH).",
            titleTemplate: "{flag} on {share} of requests to {service} ({count} of {total})",
            signature: "DPE (downstream), UPE (upstream) or IH flags; codec details such as `http1.codec_error`, `http2.*`, `headers_too_large`, `{protocol_error}`.",
            thresholds: failureThresholds,
            flags: [.downstreamProtocolError, .upstreamProtocolError, .invalidEnvoyRequestHeaders],
            causes: [
                Cause("declared-h2-speaks-h1", "The Service port declares HTTP/2 or gRPC (`grpc-*`, `http2-*`, appProtocol) but the app speaks HTTP/1.1 (UPE)."),
                Cause("h2-upgrade", "`connectionPool.http.h2UpgradePolicy: UPGRADE` (or the mesh default) upgrades to HTTP/2 towards an HTTP/1.1-only server (UPE)."),
                Cause("http1-on-h2-port", "An HTTP/1.1 client sends to a port declared HTTP/2/gRPC, or the other way round (DPE)."),
                Cause("headers-too-large", "Request headers exceed the limit (`headers_too_large`, 431): large cookies or tokens (DPE)."),
                Cause("invalid-headers", "Invalid characters or header names on one side (DPE/UPE)."),
                Cause("x-envoy-headers", "Invalid `x-envoy-*` request headers (IH)."),
            ],
            fixes: [IstioSnippets.servicePortHTTP, IstioSnippets.noH2Upgrade],
            verify: [VerifyCommands.service, VerifyCommands.clusterConfig, VerifyCommands.listener]),
        FindingKnowledge(
            id: .overloadManager,
            summary: "The proxy shed load itself (OM, DO, UDO): the sidecar, not the service, is the limit.",
            titleTemplate: "{flag} on {share} of requests to {service} ({count} of {total})",
            signature: "OM (overload manager), DO or UDO (drop-overload) flags.",
            thresholds: failureThresholds,
            flags: [.overloadManagerTerminated, .dropOverload, .unconditionalDropOverload],
            causes: [
                Cause("proxy-resources", "The sidecar's memory/CPU limits are too small for the traffic (OM)."),
                Cause("connection-limit", "A global downstream connection limit was reached (OM)."),
                Cause("drop-overload", "A drop_overloads policy delivered with the endpoints sheds a share of requests on purpose (DO, UDO)."),
            ],
            fixes: [IstioSnippets.sidecarResources],
            verify: ["kubectl top pod {pod} --containers", "kubectl exec {pod} -c istio-proxy -- pilot-agent request GET stats | grep overload"]),
    ]
}
