import AccessLog

/// Load balancing and connection establishment.
extension FindingKnowledgeBase {
    /// The standard severity rule for failures that reach clients.
    static let failureThresholds = """
        critical: ≥ 5% of the cluster's requests and ≥ 10 of them; warning: ≥ 0.5% and ≥ 5, or ≥ 20 and \
        ≥ 0.1%; info below (counted per cluster)
        """

    static let connections: [FindingKnowledge] = [
        FindingKnowledge(
            id: .connectionPinning,
            summary: "Requests stick to one upstream host per client instead of being balanced per request.",
            titleTemplate: "Connection pinning on {service}: {pinned} of {pods} client pods send ≥ 90% of their requests to one host ({hosts} hosts)",
            signature: """
                Several client pods (from kubectl/stern prefixes) each send ≥ 90% of their requests for a cluster \
                to one upstream host while the cluster has ≥ 2 hosts; or, without pod prefixes, one host takes a \
                share far above its fair share (normalised imbalance ≥ 0.6) on ≥ 100 requests that are mostly \
                long-lived HTTP/2 or TCP.
                """,
            thresholds: "warning when either signature holds (per-pod: ≥ 2 pinned pods with ≥ 20 requests each)",
            flags: [],
            causes: [
                Cause("tcp", "The port is handled as plain TCP (protocol not detected), so Envoy balances connections, not requests: every call on a long-lived gRPC/HTTP/2 connection goes to the same pod."),
                Cause("headless", "A headless Service (clusterIP: None) or client-side load balancing: the client resolves pod IPs and connects to one pod; the sidecar forwards to that original destination."),
                Cause("consistent-hash", "A DestinationRule `loadBalancer.consistentHash` (header, cookie, source IP) maps each client to one host by design."),
                Cause("locality", "Locality load balancing keeps traffic in the client's zone, where only one pod runs."),
            ],
            fixes: [IstioSnippets.servicePortGRPC, FixTemplate.destinationRule("Balance per request with the least-request policy", spec: """
                trafficPolicy:
                  loadBalancer:
                    simple: LEAST_REQUEST    # instead of consistentHash, unless affinity is required
                """, trailer: """
                # Headless Service (clusterIP: None)? Use a normal ClusterIP Service for gRPC clients, or give
                # the server MaxConnectionAge so clients reconnect and spread (see upstream-reset).
                """)],
            verify: [VerifyCommands.endpoints, VerifyCommands.clusterConfig, VerifyCommands.service,
                     VerifyCommands.describeService]),
        FindingKnowledge(
            id: .protocolNotDetected,
            summary: "gRPC/HTTP2 traffic is proxied as opaque TCP: no per-request balancing, retries or metrics.",
            titleTemplate: "{service} carries long-lived opaque TCP where gRPC/HTTP2 is expected ({records} connections): no per-request load balancing",
            signature: """
                TCP records (`"- - -"`, code 0) on an `outbound|PORT||svc` cluster (≥ 50% of its records) with \
                bytes both ways, where the port looks like gRPC/HTTP2 (50051–50059, 9090, 9091, 8081, 6565, 8980, \
                443/8443 on an in-mesh service) or the same service also carries gRPC elsewhere.
                """,
            thresholds: "warning when the connections carry real traffic — long (TCP p50 ≥ 1 s or max ≥ 10 s), ≥ 64 KiB both ways together, or gRPC seen on the same service elsewhere — however few they are (a gRPC client keeps one connection for hours); ranked by the cluster's share of all bytes; info otherwise",
            flags: [],
            causes: [
                Cause("port-name", "The Service port is named `tcp-*` (or has appProtocol: tcp), so Istio proxies it as TCP."),
                Cause("sniffing", "The port is unnamed and protocol sniffing did not see HTTP in time (server-first protocol, slow first bytes), so it fell back to TCP."),
                Cause("tls-in-app", "The app does its own TLS on the port: the sidecar sees only encrypted bytes and can route them as TCP/TLS only."),
            ],
            fixes: [IstioSnippets.servicePortGRPC],
            verify: [VerifyCommands.service, VerifyCommands.describeService, VerifyCommands.listener]),
        FindingKnowledge(
            id: .circuitBreakerOverflow,
            summary: "A DestinationRule connection-pool limit (circuit breaker) rejects requests locally (UO). Istio's default for each limit is 2³²−1 (unlimited).",
            titleTemplate: "UO on {share} of requests to {service} ({count} of {total})",
            signature: "UO flags on a cluster (gRPC replies may be logged as 200 with UO).",
            thresholds: failureThresholds,
            flags: [.upstreamOverflow],
            causes: [
                Cause("http2-max-requests", "`connectionPool.http.http2MaxRequests` is below the real concurrency (requests/s × latency); it limits active requests for HTTP/2 and HTTP/1.1."),
                Cause("pending", "`connectionPool.http.http1MaxPendingRequests` is too small for the queue that forms while connections are busy."),
                Cause("max-connections", "`connectionPool.tcp.maxConnections` caps connections per host (HTTP/1.1 and TCP), so requests queue and overflow."),
                Cause("max-concurrent-streams", "`maxRequestsPerConnection` (or the HTTP/2 setting `maxConcurrentStreams`, which is not itself a circuit breaker) forces more connections than `tcp.maxConnections` allows."),
                Cause("max-retries", "`connectionPool.http.maxRetries` is exhausted during a retry storm (retry overflow: the first attempt was sent, the retry was refused)."),
                Cause("slow-upstream", "The upstream slowed down: the same request rate now needs more concurrent requests than the limits allow."),
            ],
            fixes: [IstioSnippets.connectionPoolLimit],
            verify: [VerifyCommands.clusterConfig, VerifyCommands.stats("overflow|circuit_breakers"), VerifyCommands.routingYAML]),
        FindingKnowledge(
            id: .upstreamConnectFailure,
            summary: "Envoy cannot connect to the service's endpoints (UF, not TLS).",
            titleTemplate: "UF on {share} of requests to {service} ({count} of {total})",
            signature: "UF flags whose transport failure reason is not a TLS error (refused, no route, timeout, or none logged).",
            thresholds: failureThresholds,
            flags: [.upstreamConnectionFailure],
            causes: [
                Cause("refused", "Nothing listens on the target port: the Service `targetPort` does not match the container's port, or the app has not started listening yet."),
                Cause("localhost", "The app listens on 127.0.0.1 only; since Istio 1.10 the sidecar forwards to the pod IP, so the connection is refused."),
                Cause("gone", "Endpoints of terminated or rescheduled pods are still used for a moment (rollouts, node loss)."),
                Cause("network-policy", "A NetworkPolicy or firewall drops the traffic (shows as connect timeout)."),
                Cause("connect-timeout", "`connectionPool.tcp.connectTimeout` is shorter than the time the upstream needs to accept connections (overloaded pod, far away)."),
            ],
            fixes: [IstioSnippets.serviceTargetPort, IstioSnippets.outlierDetection],
            verify: [VerifyCommands.endpoints, VerifyCommands.service, VerifyCommands.endpointSlices, VerifyCommands.describePod,
                     VerifyCommands.stats("upstream_cx_connect_fail|upstream_cx_connect_timeout")]),
        FindingKnowledge(
            id: .tlsHandshakeFailure,
            summary: "The TLS/mTLS handshake to the service fails (UF with a TLS transport failure reason).",
            titleTemplate: "TLS handshake failures (UF) on {share} of requests to {service} ({count} of {total})",
            signature: "UF with a transport failure reason such as `TLS_error`, `CERTIFICATE_VERIFY_FAILED`, `WRONG_VERSION_NUMBER`, `SSLV3_ALERT_*`, `TLSV1_ALERT_*` or `Secret_is_not_supplied_by_SDS`.",
            thresholds: failureThresholds,
            flags: [.upstreamConnectionFailure],
            causes: [
                Cause("plaintext-server", "The client speaks TLS to a plaintext port (`WRONG_VERSION_NUMBER`): a DestinationRule `tls.mode: ISTIO_MUTUAL`/`SIMPLE` towards a server without a sidecar, or TLS origination to a non-TLS port."),
                Cause("verify", "The server certificate does not verify (`CERTIFICATE_VERIFY_FAILED`): SAN mismatch (wrong `subjectAltNames`/`sni`), or client and server trust different root CAs (multi-cluster, custom CA)."),
                Cause("mtls-mode", "mTLS settings disagree: PeerAuthentication STRICT/DISABLE on the server vs DestinationRule `tls.mode` on the client."),
                Cause("expired", "A certificate expired (`SSLV3_ALERT_CERTIFICATE_EXPIRED`): istiod/CA rotation problems or a stale custom certificate."),
                Cause("unknown-ca", "The peer does not know the CA (`TLSV1_ALERT_UNKNOWN_CA`): different meshes or root rotation in progress."),
                Cause("sds-secret", "The certificate secret is missing (`Secret_is_not_supplied_by_SDS`): wrong `credentialName` or the secret is in another namespace."),
                Cause("version", "No common TLS version or cipher (`TLSV1_ALERT_PROTOCOL_VERSION`, `HANDSHAKE_FAILURE`)."),
            ],
            fixes: [IstioSnippets.destinationRuleIstioMutual, IstioSnippets.peerAuthentication],
            verify: [VerifyCommands.describePod, VerifyCommands.secrets, VerifyCommands.clusterConfig,
                     VerifyCommands.peerAuthentication, VerifyCommands.routingYAML]),
    ]
}
