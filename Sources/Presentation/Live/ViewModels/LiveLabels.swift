import AccessLog
import Analysis

/// Short texts for the live view's cells: cluster labels, response codes, latencies.
enum LiveLabels {
    /// A short cluster label: `→ orders.shop:50051`, `→ reviews.shop:9080 v2`, `← inbound:8080`,
    /// `PassthroughCluster`.
    static func clusterLabel(_ name: ClusterName) -> String {
        switch name.direction {
        case .outbound:
            var host = name.fqdn ?? name.name
            if name.isKubernetesService, let service = name.serviceName {
                host = service + (name.namespace.map { "." + $0 } ?? "")
            }
            let port = name.port.map { ":\($0)" } ?? ""
            return "→ " + host + port + (name.subset.map { " " + $0 } ?? "")
        case .inbound, .inboundVIP:
            let port = name.port.map { ":\($0)" } ?? ""
            let service = name.serviceName.map { " " + $0 } ?? ""
            return "← inbound" + port + service
        case .special, .other:
            return name.name
        }
    }

    /// `503`, or `0 (none/TCP)` for code 0, `-` for absent.
    static func codeText(_ code: Int) -> String {
        code < 0 ? "-" : String(code)
    }

    /// Latency in ms as a short duration; `-` when there were no values.
    static func latency(_ ms: Int, count: Int) -> String {
        count > 0 ? Format.duration(milliseconds: ms) : "-"
    }
}
