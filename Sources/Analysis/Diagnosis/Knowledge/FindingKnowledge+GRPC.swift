import AccessLog

/// gRPC status visibility and errors per method.
extension FindingKnowledgeBase {
    static let grpc: [FindingKnowledge] = [
        FindingKnowledge(
            id: .grpcErrors,
            summary: "gRPC methods return non-OK statuses (from the logged `%GRPC_STATUS%`).",
            titleTemplate: "{method}: {share} non-OK gRPC statuses ({count} of {total}), mostly {status}",
            signature: "Non-OK grpc status counts per method, when the format logs `%GRPC_STATUS%`.",
            thresholds: """
                server statuses (UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNIMPLEMENTED, INTERNAL, \
                UNAVAILABLE, DATA_LOSS): \(failureThresholds), per method; client statuses (CANCELLED, \
                INVALID_ARGUMENT, NOT_FOUND, …): info from 1%
                """,
            flags: [],
            causes: [
                Cause("unavailable", "UNAVAILABLE: the proxy or the server could not serve (see UF/UO/UH findings) or the server is shutting down."),
                Cause("deadline", "DEADLINE_EXCEEDED: the client deadline is shorter than the method's latency."),
                Cause("internal", "INTERNAL / UNKNOWN: the handler failed (exception, panic) or the response could not be decoded."),
                Cause("unimplemented", "UNIMPLEMENTED: the server does not have this method (version skew between client and server, wrong service)."),
                Cause("resource-exhausted", "RESOURCE_EXHAUSTED: server-side limits (quota, max message size, concurrency)."),
                Cause("auth", "PERMISSION_DENIED / UNAUTHENTICATED: credentials or authorization."),
                Cause("client-input", "INVALID_ARGUMENT / NOT_FOUND / ALREADY_EXISTS / FAILED_PRECONDITION: the application answering a request it rejects (often normal)."),
            ],
            fixes: [],
            verify: ["kubectl logs -n {namespace} -l app={service} --tail=200", VerifyCommands.proxyLogs]),
        FindingKnowledge(
            id: .grpcStatusNotLogged,
            summary: "gRPC traffic is logged without its status: errors can hide behind HTTP 200.",
            titleTemplate: "{count} gRPC requests, but the access-log format has no %GRPC_STATUS%: errors may hide behind HTTP 200",
            signature: "gRPC requests (HTTP/2 POST to /pkg.Service/Method) while no record's format logs the gRPC status.",
            thresholds: "info from 10 gRPC requests, whatever the gRPC share: it is advice about the log format, ranked after every traffic finding, and never trips `--fail-on`",
            flags: [],
            causes: [
                Cause("default-format", "Istio's default access-log format has no gRPC status; gRPC carries errors in the `grpc-status` trailer of an HTTP 200, so application errors look like successes."),
            ],
            fixes: [IstioSnippets.telemetryGRPCStatus],
            verify: ["kubectl get telemetry -A", "kubectl get configmap istio -n istio-system -o yaml | grep -A8 extensionProviders"]),
    ]
}
