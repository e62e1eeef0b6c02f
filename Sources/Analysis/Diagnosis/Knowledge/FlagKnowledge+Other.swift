import AccessLog

/// Flags about the proxy itself: health checks, cache, filter config, overload, DNS, drops.
extension FlagKnowledgeBase {
    static let other: [FlagKnowledge] = [
        FlagKnowledge(
            flag: .failedLocalHealthCheck,
            meaning: """
                Envoy's health-check filter answered for the local service and the health check is failing, so \
                the request got a 503. Often it is Envoy itself that fails health checks — after \
                `/healthcheck/fail` on the admin port or while draining — not only the app. Rare with Istio \
                sidecars (Kubernetes probes are used instead).
                """,
            causes: ["Envoy is failing health checks on purpose: `/healthcheck/fail` was called on the admin port, or the proxy is draining (shutdown, hot restart).",
                     "The local app is unhealthy while a health-check filter (EnvoyFilter) is configured."],
            checks: ["Readiness of the pod and the health-check filter configuration."],
            fixes: [],
            verify: [VerifyCommands.envoyFilters, "kubectl describe pod {pod}"],
            finding: .noHealthyUpstream),
        FlagKnowledge(
            flag: .responseFromCacheFilter,
            meaning: "The response was served by Envoy's HTTP cache filter, not by the upstream. Informational.",
            causes: ["A cache filter (EnvoyFilter) is configured and the response was cacheable."],
            checks: ["Expected? Then nothing to do."],
            fixes: [],
            verify: [VerifyCommands.envoyFilters],
            finding: nil),
        FlagKnowledge(
            flag: .noFilterConfigFound,
            meaning: """
                A filter configured through ECDS (extension config discovery, e.g. a Wasm plugin) had not \
                received its configuration, and without a default config the request was terminated (500).
                """,
            causes: [
                "A WasmPlugin / extension config that failed to load or fetch (image pull, checksum, size).",
                "istiod has not pushed the extension configuration yet.",
            ],
            checks: ["istio-proxy logs for Wasm/ECDS fetch errors."],
            fixes: [],
            verify: [VerifyCommands.proxyLogs, "kubectl get wasmplugin -A", VerifyCommands.proxyStatus],
            finding: nil),
        FlagKnowledge(
            flag: .overloadManagerTerminated,
            meaning: """
                Envoy's overload manager shed the request because the proxy itself was over a resource limit \
                (memory, active connections). The proxy, not the service, is the bottleneck.
                """,
            causes: [
                "The sidecar's memory or CPU limits are too small for the traffic (many connections, big buffers).",
                "A configured global downstream connection limit was reached.",
            ],
            checks: ["Proxy memory/CPU (`kubectl top pod --containers`) and overload counters."],
            fixes: [IstioSnippets.sidecarResources],
            verify: ["kubectl top pod {pod} --containers", "kubectl exec {pod} -c istio-proxy -- pilot-agent request GET stats | grep overload"],
            finding: .overloadManager),
        FlagKnowledge(
            flag: .dnsResolutionFailed,
            meaning: """
                Envoy's dynamic forward proxy could not resolve the request's host name (503). Only seen with a \
                dynamic-forward-proxy EnvoyFilter; ordinary Istio DNS failures show as UH or UF instead.
                """,
            causes: [
                "The host name does not exist (typo, NXDOMAIN) or is internal to another network.",
                "The resolver is unreachable from the proxy, or DNS answers time out.",
            ],
            checks: ["Resolve the host from the pod; check the proxy's DNS settings."],
            fixes: [IstioSnippets.serviceEntry],
            verify: ["kubectl exec {pod} -c istio-proxy -- nslookup {destination}", VerifyCommands.envoyFilters],
            finding: .dnsFailure),
        FlagKnowledge(
            flag: .dropOverload,
            meaning: """
                The request was dropped by the load balancer's drop-overload policy (EDS `drop_overloads`), a \
                deliberate load-shedding setting delivered with the endpoints (503 `drop_overload`).
                """,
            causes: ["A control plane or xDS server configured drop_overloads for the cluster (not set by Istio itself)."],
            checks: ["The cluster's EDS config: drop_overloads."],
            fixes: [],
            verify: [VerifyCommands.endpoints],
            finding: .overloadManager),
        FlagKnowledge(
            flag: .unconditionalDropOverload,
            meaning: """
                Every request was dropped because the drop-overload policy is at 100% (503 \
                `unconditional_drop_overload`): the cluster is deliberately switched off.
                """,
            causes: ["A 100% drop_overloads policy on the cluster (maintenance, kill switch)."],
            checks: ["The cluster's EDS config: drop_overloads."],
            fixes: [],
            verify: [VerifyCommands.endpoints],
            finding: .overloadManager),
    ]
}
