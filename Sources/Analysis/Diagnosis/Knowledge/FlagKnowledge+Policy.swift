import AccessLog

/// Flags decided by configuration: routing, rate limits, authorization, fault injection.
extension FlagKnowledgeBase {
    static let policy: [FlagKnowledge] = [
        FlagKnowledge(
            flag: .noRouteFound,
            meaning: """
                Nothing in the proxy's configuration matched the request: no virtual host/route for its \
                authority and path (HTTP 404, `route_not_found`), or no listener filter chain for the connection \
                (code 0, `filter_chain_not_found`, e.g. plaintext on a STRICT mTLS port).
                """,
            causes: [
                "The request's Host/authority is not in any VirtualService `hosts` (or Gateway `hosts`) for this proxy.",
                "The VirtualService http `match` rules cover only some paths/headers and there is no default route.",
                "Plaintext traffic from a client without a sidecar to a STRICT mTLS port (`filter_chain_not_found`).",
                "A Sidecar resource's egress hosts exclude the destination.",
            ],
            checks: ["Code details `route_not_found` vs `filter_chain_not_found`; the authority in the lines."],
            fixes: [IstioSnippets.virtualServiceCatchAll, IstioSnippets.peerAuthentication],
            verify: [VerifyCommands.routes, VerifyCommands.analyze, VerifyCommands.routingYAML],
            finding: .noRoute),
        FlagKnowledge(
            flag: .noClusterFound,
            meaning: """
                The matched route points at a cluster this proxy does not have (503, `cluster_not_found`). In \
                Istio this is nearly always a VirtualService routing to a subset that no DestinationRule defines, \
                or a destination host that is not (yet) known to the proxy.
                """,
            causes: [
                "VirtualService → `subset: v2` with no DestinationRule defining subset v2 for that host.",
                "DestinationRule applied after the VirtualService (or deleted): apply DestinationRules first.",
                "The destination host is not visible to this proxy (Sidecar egress hosts, exportTo).",
            ],
            checks: ["Which subset/host does the VirtualService name, and does a DestinationRule define it?"],
            fixes: [IstioSnippets.subsetDefinition],
            verify: [VerifyCommands.analyze, "istioctl proxy-config cluster {pod} --fqdn {fqdn}", VerifyCommands.routingYAML],
            finding: .clusterNotFound),
        FlagKnowledge(
            flag: .rateLimited,
            meaning: """
                A rate limiter rejected the request (429): the local token bucket (`local_rate_limited`) or the \
                global rate-limit service (`request_rate_limited`). In Istio both are configured through \
                EnvoyFilter.
                """,
            causes: [
                "Traffic above the configured token bucket / descriptor limit (legitimate growth or a misbehaving client).",
                "A limit sized per proxy while traffic concentrates on few replicas.",
            ],
            checks: ["Which EnvoyFilter configures the limit, and is the rejected traffic legitimate?"],
            fixes: [IstioSnippets.rateLimitTuning],
            verify: [VerifyCommands.envoyFilters, VerifyCommands.stats("rate_limit|ratelimit")],
            finding: .rateLimited),
        FlagKnowledge(
            flag: .rateLimitServiceError,
            meaning: """
                The global rate-limit service could not be asked (error or timeout) and the filter is configured \
                to fail closed (`failure_mode_deny: true`), so the request was rejected (500).
                """,
            causes: [
                "The rate-limit service (and its Redis) is down, overloaded or unreachable.",
                "`failure_mode_deny: true` turns its outages into user-facing errors.",
            ],
            checks: ["Health and latency of the rate-limit service; the filter's failure_mode_deny."],
            fixes: [IstioSnippets.rateLimitTuning],
            verify: [VerifyCommands.envoyFilters, VerifyCommands.stats("ratelimit")],
            finding: .rateLimited),
        FlagKnowledge(
            flag: .unauthorizedExternalService,
            meaning: """
                The external authorization service (ext_authz, an Istio CUSTOM AuthorizationPolicy) denied the \
                request (`ext_authz_denied`, 403 or the service's own code) or failed (`ext_authz_error`).
                """,
            causes: [
                "The caller really is not authorized by the external authorizer (expired token, missing scope).",
                "The authorizer is unreachable or slow and the policy fails closed (`ext_authz_error`).",
                "The CUSTOM policy's rules match more paths than intended (health checks, metrics).",
            ],
            checks: ["`ext_authz_denied` vs `ext_authz_error`; the authorizer's logs for the request ids."],
            fixes: [],
            verify: [VerifyCommands.authorizationPolicies, "istioctl proxy-config log <server-pod> --level ext_authz:debug"],
            finding: .accessDenied),
        FlagKnowledge(
            flag: .faultInjected,
            meaning: """
                The request was aborted on purpose by fault injection (`fault_filter_abort`): a VirtualService \
                `fault.abort` returned the configured status (HTTP or gRPC) without calling the service.
                """,
            causes: [
                "A chaos/resilience test left a `fault:` block in a VirtualService.",
                "A fault meant for a test header or subset matches production traffic.",
            ],
            checks: ["Which VirtualService has a `fault:` block for this host?"],
            fixes: [IstioSnippets.removeFault],
            verify: ["kubectl get virtualservice -A -o yaml | grep -n -B3 -A12 'fault:'"],
            finding: .faultInjection),
        FlagKnowledge(
            flag: .delayInjected,
            meaning: """
                The request was delayed on purpose by fault injection (VirtualService `fault.delay`, \
                `fixedDelay`), then sent on. Not a failure by itself, but it adds latency and can trip timeouts.
                """,
            causes: ["A `fault.delay` left in a VirtualService after a test, or matching more traffic than intended."],
            checks: ["Which VirtualService has a `fault.delay` for this host, and what percentage?"],
            fixes: [IstioSnippets.removeFault],
            verify: ["kubectl get virtualservice -A -o yaml | grep -n -B3 -A12 'fault:'"],
            finding: .faultInjection),
    ]
}
