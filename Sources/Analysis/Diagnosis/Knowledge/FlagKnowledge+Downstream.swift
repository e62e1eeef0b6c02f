import AccessLog

/// Flags about the client side of the proxy: cancellations, bad requests, idle streams.
extension FlagKnowledgeBase {
    static let downstream: [FlagKnowledge] = [
        FlagKnowledge(
            flag: .downstreamConnectionTermination,
            meaning: """
                The downstream connection ended before the response was complete, so Envoy logged code 0 (or \
                the code it had already sent). Usually the client closed it (`downstream_remote_disconnect`), \
                but Envoy also sets DC when it closed the connection itself (`downstream_local_disconnect(…)`: \
                draining, idle or max-duration limits, a codec error), and on streams that end with code 0 \
                and no other flag. It is not always the client. A gRPC cancel is an HTTP/2 stream reset and is \
                logged as DR, not DC.
                """,
            causes: [
                "Client timeouts or gRPC deadlines shorter than the server's latency: the client gives up first.",
                "Deliberate cancellation: users navigating away, hedged requests, streaming calls ended by the client.",
                "Client pods being terminated (rollouts, scale-down) with requests in flight.",
                "Envoy closed the downstream connection itself (`downstream_local_disconnect(…)` in the termination details): drain on a config push or shutdown, idle timeout, codec error.",
            ],
            checks: ["Do DC durations cluster at one value (a client timeout) above the service's normal latency?",
                     "Connection termination details: `downstream_remote_disconnect` (the client) or `downstream_local_disconnect(…)` (Envoy)?"],
            fixes: [IstioSnippets.virtualServiceTimeout],
            verify: [VerifyCommands.proxyLogsWithFlag("DC")],
            finding: .clientCancelled),
        FlagKnowledge(
            flag: .downstreamRemoteReset,
            meaning: """
                The downstream peer reset its HTTP/2 or HTTP/3 stream (`http2.remote_reset`, \
                `http2.remote_refuse`). A gRPC client that cancels (or whose deadline expires) sends RST_STREAM \
                to its own sidecar, so the client-side sidecar logs DR; the server-side sidecar, reset by the \
                client's sidecar, logs DR too. One cancel can thus appear twice (meshlog reports it once). \
                Code 0, no response.
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
                on the connection manager), so Envoy ended it: 504 if the whole request had arrived, 408 if it \
                had not. The stream is reset only if the response had already started. Long-lived quiet \
                streams (gRPC streaming, SSE, websockets) are the usual victims.
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
