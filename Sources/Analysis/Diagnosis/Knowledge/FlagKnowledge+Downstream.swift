import AccessLog

/// Flags about the client side of the proxy: cancellations, bad requests, idle streams.
extension FlagKnowledgeBase {
    static let downstream: [FlagKnowledge] = [
        FlagKnowledge(
            flag: .downstreamConnectionTermination,
            meaning: """
                The client (downstream) closed its connection before the response was complete, so Envoy logged \
                code 0 (or the code it had already sent) with `downstream_remote_disconnect`. On the client's own \
                sidecar this is the app giving up; for gRPC, the server-side sidecar logs the same cancel as DR.
                """,
            causes: [
                "Client timeouts or gRPC deadlines shorter than the server's latency: the client gives up first.",
                "Deliberate cancellation: users navigating away, hedged requests, streaming calls ended by the client.",
                "Client pods being terminated (rollouts, scale-down) with requests in flight.",
            ],
            checks: ["Do DC durations cluster at one value (a client timeout) above the service's normal latency?"],
            fixes: [IstioSnippets.virtualServiceTimeout],
            verify: [VerifyCommands.proxyLogsWithFlag("DC")],
            finding: .clientCancelled),
        FlagKnowledge(
            flag: .downstreamRemoteReset,
            meaning: """
                The client reset its HTTP/2 (or HTTP/3) stream (`http2.remote_reset`, `http2.remote_refuse`): a \
                gRPC cancel or an expired deadline seen from the server-side sidecar. Code 0, no response.
                """,
            causes: [
                "gRPC client deadlines shorter than the server's latency.",
                "Clients cancelling calls deliberately (context cancellation, streaming ends).",
            ],
            checks: ["Compare DR durations with the method's latency percentiles."],
            fixes: [IstioSnippets.virtualServiceTimeout],
            verify: [VerifyCommands.proxyLogsWithFlag("DR")],
            finding: .clientCancelled),
        FlagKnowledge(
            flag: .downstreamProtocolError,
            meaning: """
                The client sent bytes Envoy could not parse as the expected HTTP protocol (codec error, invalid \
                or too-large headers). Envoy answers 400 `Bad Request`, 431 for large headers, or closes (0).
                """,
            causes: [
                "An HTTP/1.1 client on a port declared HTTP/2 or gRPC (`http2-*`/`grpc-*`, appProtocol), or the reverse.",
                "Request headers larger than the limit (`http1.headers_too_large`, 431): big cookies or tokens.",
                "Invalid characters in headers or a non-HTTP client (health checker, scanner) on an HTTP port.",
            ],
            checks: ["Code details (`http1.codec_error`, `http2.*`, `headers_too_large`) and the clients' protocol."],
            fixes: [IstioSnippets.servicePortHTTP],
            verify: [VerifyCommands.service, VerifyCommands.listener],
            finding: .protocolError),
        FlagKnowledge(
            flag: .invalidEnvoyRequestHeaders,
            meaning: """
                The request carried an `x-envoy-*` header with an invalid value (strict header validation), \
                e.g. a malformed `x-envoy-upstream-rq-timeout-ms`; Envoy answers 400.
                """,
            causes: [
                "A client or an upstream proxy sets x-envoy-* headers with bad values.",
                "Headers forwarded from an untrusted edge that should have been stripped.",
            ],
            checks: ["Which x-envoy-* headers does the client send?"],
            fixes: [],
            verify: [VerifyCommands.proxyLogsWithFlag("IH")],
            finding: .protocolError),
        FlagKnowledge(
            flag: .streamIdleTimeout,
            meaning: """
                No bytes moved on the stream for longer than the stream idle timeout (Envoy default 5 minutes \
                on the connection manager), so Envoy ended it: 408 if no response had started, otherwise the \
                stream is reset. Long-lived quiet streams (gRPC streaming, SSE, websockets) are the usual victims.
                """,
            causes: [
                "A long-lived stream that is silent longer than the idle timeout (no application heartbeats).",
                "An upstream that stops sending mid-response (stuck handler).",
            ],
            checks: ["Are SI durations ≈ 300 000 ms (the 5-minute default) or another configured value?"],
            fixes: [IstioSnippets.streamIdleTimeout],
            verify: [VerifyCommands.envoyFilters, VerifyCommands.listener],
            finding: .streamIdleTimeout),
    ]
}
