import AccessLog

/// Deliberate policy: rate limits, authorization, fault injection.
extension FindingKnowledgeBase {
    static let policy: [FindingKnowledge] = [
        FindingKnowledge(
            id: .rateLimited,
            summary: "Requests were rejected by a rate limiter (RL) or because the rate-limit service failed (RLSE).",
            titleTemplate: "{flag} on {share} of requests to {service} ({count} of {total})",
            signature: "RL or RLSE flags (details `local_rate_limited`, `request_rate_limited`).",
            thresholds: failureThresholds,
            flags: [.rateLimited, .rateLimitServiceError],
            causes: [
                Cause("limit", "Traffic exceeds the configured limit (token bucket or descriptor): real growth or a misbehaving client."),
                Cause("per-proxy", "A local limit is per proxy; with uneven load one replica hits it first."),
                Cause("rls-down", "The rate-limit service fails and the filter fails closed (`failure_mode_deny: true`) (RLSE)."),
            ],
            fixes: [IstioSnippets.rateLimitTuning],
            verify: [VerifyCommands.envoyFilters, VerifyCommands.stats("rate_limit|ratelimit")]),
        FindingKnowledge(
            id: .accessDenied,
            summary: "Requests were denied by authorization: AuthorizationPolicy (RBAC 403) or external authz (UAEX).",
            titleTemplate: "Access denied on {share} of requests to {service} ({count} of {total})",
            signature: "403 with details `rbac_access_denied_matched_policy[…]` (no flag), or UAEX (`ext_authz_denied` / `ext_authz_error`).",
            thresholds: failureThresholds + "; capped at warning (denials are often intended)",
            flags: [.unauthorizedExternalService],
            causes: [
                Cause("deny-policy", "A DENY AuthorizationPolicy matches the request (the policy is named in the details)."),
                Cause("no-allow", "ALLOW policies exist for the workload and none matches (`matched_policy[none]`): the caller, path or port is missing from them."),
                Cause("identity", "The caller has no or a different identity: no sidecar / no mTLS, so `principals` cannot match."),
                Cause("ext-authz", "The external authorizer denied (`ext_authz_denied`) or failed (`ext_authz_error`)."),
            ],
            fixes: [IstioSnippets.authorizationAllow],
            verify: [VerifyCommands.authorizationPolicies, "istioctl proxy-config log <server-pod> --level rbac:debug",
                     VerifyCommands.describePod]),
        FindingKnowledge(
            id: .faultInjection,
            summary: "A VirtualService injects faults (FI aborts, DI delays), often left over from a test.",
            titleTemplate: "Fault injection ({flag}) on {share} of requests to {service} ({count} of {total})",
            signature: "FI (`fault_filter_abort`) or DI flags.",
            thresholds: "FI: " + failureThresholds + "; DI alone: warning from 20 delayed requests, info below",
            flags: [.faultInjected, .delayInjected],
            causes: [
                Cause("leftover", "A `fault:` block from a chaos or resilience test is still in a VirtualService."),
                Cause("broad-match", "A fault meant for test traffic (a header, a subset) matches production requests."),
            ],
            fixes: [IstioSnippets.removeFault],
            verify: ["kubectl get virtualservice -A -o yaml | grep -n -B3 -A12 'fault:'", VerifyCommands.routes]),
    ]
}
