/// Commands that confirm a diagnosis, with `{tokens}` filled by `Placeholders`.
enum VerifyCommands {
    static let clusterConfig = "istioctl proxy-config cluster {pod} --fqdn {fqdn} -o json"
    static let endpoints = "istioctl proxy-config endpoint {pod} --cluster \"{cluster}\""
    static let describePod = "istioctl x describe pod {pod}"
    static let describeService = "istioctl x describe service {service} -n {namespace}"
    static let analyze = "istioctl analyze -n {namespace}"
    static let service = "kubectl get svc {service} -n {namespace} -o yaml"
    static let routingConfig = "kubectl get destinationrule,virtualservice -n {namespace}"
    static let routingYAML = "kubectl get destinationrule,virtualservice -n {namespace} -o yaml"
    static let proxyLogs = "kubectl logs {pod} -c istio-proxy"
    static let routes = "istioctl proxy-config route {pod} -o json"
    static let listener = "istioctl proxy-config listener {pod} --port {port} -o json"
    static let endpointSlices = "kubectl get endpointslices -n {namespace} -l kubernetes.io/service-name={service} -o wide"
    static let secrets = "istioctl proxy-config secret {pod}"
    static let podByIP = "kubectl get pods -A -o wide --field-selector status.podIP={hostIP}"
    static let peerAuthentication = "kubectl get peerauthentication -A"
    static let authorizationPolicies = "kubectl get authorizationpolicy -A"
    static let envoyFilters = "kubectl get envoyfilter -A"
    static let serviceEntries = "kubectl get serviceentry -A"
    static let proxyStatus = "istioctl proxy-status"

    /// Envoy counters of the cluster, filtered by a pattern (`overflow`, `timeout`, …).
    static func stats(_ pattern: String) -> String {
        "kubectl exec {pod} -c istio-proxy -- pilot-agent request GET stats | grep '{cluster}' | grep -E '\(pattern)'"
    }

    /// Access-log lines of the client proxy with one flag.
    static func proxyLogsWithFlag(_ flag: String) -> String {
        "kubectl logs {pod} -c istio-proxy | grep -E '[ ,]\(flag)[ ,]'"
    }
}
