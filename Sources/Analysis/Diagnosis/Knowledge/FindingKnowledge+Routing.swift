import AccessLog

/// Where requests go: endpoints, routes, clusters, DNS, the mesh boundary, subsets.
extension FindingKnowledgeBase {
    static let routing: [FindingKnowledge] = [
        FindingKnowledge(
            id: .noHealthyUpstream,
            summary: "The cluster had no healthy endpoint (UH): no ready pods, an empty subset, or all ejected.",
            titleTemplate: "UH on {share} of requests to {service} ({count} of {total})",
            signature: "UH flags on a mesh cluster (BlackHoleCluster is reported as blackhole-traffic).",
            thresholds: failureThresholds,
            flags: [.noHealthyUpstream, .failedLocalHealthCheck],
            causes: [
                Cause("subset-labels", "The DestinationRule subset's labels select no running pod (the traffic goes to a subset)."),
                Cause("no-endpoints", "The Service has no ready endpoints: pods not ready, crash-looping, scaled to zero, or a selector mismatch."),
                Cause("ejected", "Outlier detection ejected every host after errors (maxEjectionPercent too high, every pod failing)."),
                Cause("eds-delay", "The endpoints have not reached this proxy yet (new service, slow istiod push)."),
            ],
            fixes: [IstioSnippets.outlierDetection],
            verify: [VerifyCommands.endpoints, VerifyCommands.endpointSlices, VerifyCommands.routingYAML,
                     "kubectl get pods -n {namespace} --show-labels"]),
        FindingKnowledge(
            id: .noRoute,
            summary: "No route or listener matched the request (NR): host, match or mTLS mismatch.",
            titleTemplate: "NR on {share} of requests to {service} ({count} of {total}), or of all requests when no cluster is logged",
            signature: "NR flags; details `route_not_found` (HTTP 404) or `filter_chain_not_found` (listener, TCP).",
            thresholds: failureThresholds,
            flags: [.noRouteFound],
            causes: [
                Cause("host", "The request's authority is not in any VirtualService `hosts` (or Gateway `servers.hosts`) this proxy knows."),
                Cause("match", "The VirtualService `http[].match` rules miss some paths/headers and there is no catch-all route."),
                Cause("plaintext-strict", "A client without a sidecar sends plaintext to a STRICT mTLS port (`filter_chain_not_found`)."),
                Cause("sidecar-egress", "A Sidecar resource's `egress.hosts` does not include the destination."),
            ],
            fixes: [IstioSnippets.virtualServiceCatchAll, IstioSnippets.peerAuthentication],
            verify: [VerifyCommands.routes, VerifyCommands.analyze, VerifyCommands.routingYAML, "istioctl proxy-config listener {pod}"]),
        FindingKnowledge(
            id: .clusterNotFound,
            summary: "A route points at a cluster the proxy does not have (NC), usually an undefined subset.",
            titleTemplate: "NC on {share} of requests to {service} ({count} of {total}), or of all requests when no cluster is logged",
            signature: "NC flags (details `cluster_not_found`).",
            thresholds: failureThresholds,
            flags: [.noClusterFound],
            causes: [
                Cause("subset-undefined", "A VirtualService routes to a subset no DestinationRule defines for that host."),
                Cause("ordering", "The DestinationRule was applied after the VirtualService, or deleted: add subsets before routing to them."),
                Cause("visibility", "The destination host is not visible to this proxy (Sidecar egress hosts, `exportTo`)."),
            ],
            fixes: [IstioSnippets.subsetDefinition],
            verify: [VerifyCommands.analyze, "istioctl proxy-config cluster {pod} --fqdn {fqdn}", VerifyCommands.routingYAML]),
        FindingKnowledge(
            id: .dnsFailure,
            summary: "The dynamic forward proxy could not resolve the destination (DF).",
            titleTemplate: "DF on {share} of requests to {service} ({count} of {total})",
            signature: "DF flags.",
            thresholds: failureThresholds,
            flags: [.dnsResolutionFailed],
            causes: [
                Cause("nxdomain", "The host name does not exist or is misspelt."),
                Cause("resolver", "The DNS resolver is unreachable or too slow from the proxy."),
            ],
            fixes: [IstioSnippets.serviceEntry],
            verify: ["kubectl exec {pod} -c istio-proxy -- nslookup {destination}", VerifyCommands.envoyFilters]),
        FindingKnowledge(
            id: .passthroughTraffic,
            summary: "Traffic to destinations outside the mesh registry passes through unmanaged (PassthroughCluster).",
            titleTemplate: "{count} requests ({share}) left the mesh via PassthroughCluster to {destinations}",
            signature: "Records on `PassthroughCluster` (outboundTrafficPolicy ALLOW_ANY).",
            thresholds: "info (allowed by policy); warning when ≥ 5% of all requests (and ≥ 20) pass through, or when ≥ 5% (and ≥ 10) of them failed",
            flags: [],
            causes: [
                Cause("no-service-entry", "The destination has no ServiceEntry, so Istio applies no routing, TLS or telemetry to it."),
                Cause("allow-any", "`outboundTrafficPolicy: ALLOW_ANY` (the default) lets unknown destinations through."),
            ],
            fixes: [IstioSnippets.serviceEntry, IstioSnippets.outboundTrafficPolicy],
            verify: [VerifyCommands.serviceEntries, "istioctl proxy-config cluster {pod} | grep -i passthrough"]),
        FindingKnowledge(
            id: .blackholeTraffic,
            summary: "Traffic to unregistered destinations is blocked (BlackHoleCluster / block_all, REGISTRY_ONLY).",
            titleTemplate: "{count} requests ({share}) blocked by REGISTRY_ONLY (BlackHoleCluster / block_all)",
            signature: "Records on `BlackHoleCluster` (TCP `0 UH`) or route `block_all` (HTTP 502 `direct_response`).",
            thresholds: failureThresholds,
            flags: [],
            causes: [
                Cause("missing-service-entry", "The destination is legitimate but has no ServiceEntry."),
                Cause("registry-only", "`outboundTrafficPolicy: REGISTRY_ONLY` blocks it on purpose: the app should not call it."),
            ],
            fixes: [IstioSnippets.serviceEntry, IstioSnippets.outboundTrafficPolicy],
            verify: [VerifyCommands.serviceEntries, "kubectl get configmap istio -n istio-system -o yaml | grep -A2 outboundTrafficPolicy",
                     "istioctl proxy-config route {pod} -o json | grep -B3 -A3 block_all"]),
        FindingKnowledge(
            id: .trafficSplit,
            summary: "How traffic is split between the subsets of a service (and whether that matches the plan).",
            titleTemplate: "{service} split: {subset} {share}, … (with --expect-split: matches the expected split / expected …)",
            signature: "Clusters of one service and port with ≥ 2 subsets; with `--expect-split v1=90,v2=10` the observed shares are compared with the plan.",
            thresholds: "info; warning when a subset deviates from --expect-split by more than max(5 points, 3σ binomial)",
            flags: [],
            causes: [
                Cause("weights", "The VirtualService `route[].weight` values differ from the intended split."),
                Cause("other-route", "An earlier `http[].match` route (header, path) sends part of the traffic elsewhere."),
                Cause("subset-labels", "A subset's labels select fewer or more pods than intended."),
                Cause("sticky", "Few clients on long-lived connections or consistent hashing skew a per-request split."),
            ],
            fixes: [FixTemplate("Set the intended weights in the VirtualService", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: {service}
                  namespace: {namespace}
                spec:
                  hosts:
                  - {fqdn}
                  http:
                  - route:
                    - destination:
                        host: {fqdn}
                        subset: v1
                      weight: 90
                    - destination:
                        host: {fqdn}
                        subset: v2
                      weight: 10
                """)],
            verify: [VerifyCommands.routingYAML, VerifyCommands.routes]),
    ]
}
