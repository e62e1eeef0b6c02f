/// An Envoy cluster name decomposed the Istio way: `outbound|PORT|SUBSET|FQDN`,
/// `inbound|PORT|PORTNAME|FQDN` (≤1.9) or `inbound|PORT||`, and the special clusters.
public struct ClusterName: Sendable, Equatable, Hashable {
    public enum Direction: String, Sendable {
        case outbound, inbound, inboundVIP = "inbound-vip", special, other
    }
    /// The special clusters Istio creates.
    public enum Special: String, Sendable {
        case passthrough = "PassthroughCluster"
        case blackHole = "BlackHoleCluster"
        case inboundPassthrough = "InboundPassthroughCluster"
        case inboundPassthroughIPv4 = "InboundPassthroughClusterIpv4"
        case inboundPassthroughIPv6 = "InboundPassthroughClusterIpv6"
    }

    /// The full name as logged (one trailing `;` removed).
    public var name: String
    public var direction: Direction
    public var port: Int?
    /// Subset (outbound) or port name (old inbound form); nil when empty.
    public var subset: String?
    /// Service host: an FQDN, a ServiceEntry host, or nil.
    public var fqdn: String?
    public var special: Special?

    public init(_ raw: String) {
        var raw = raw
        if raw.hasSuffix(";") { raw.removeLast() }
        name = raw
        direction = .other
        special = Special(rawValue: raw)
        if special != nil { direction = .special }
        let parts = raw.split(separator: "|", omittingEmptySubsequences: false)
        if parts.count == 4 {
            switch parts[0] {
            case "outbound": direction = .outbound
            case "inbound": direction = .inbound
            case "inbound-vip": direction = .inboundVIP
            default: break
            }
            if direction != .other {
                port = Int(parts[1])
                subset = parts[2].isEmpty ? nil : String(parts[2])
                fqdn = parts[3].isEmpty ? nil : String(parts[3])
            }
        }
    }

    /// Service short name: first label of a Kubernetes FQDN, else the whole host.
    public var serviceName: String? {
        guard let fqdn else { return nil }
        if fqdn.hasSuffix(".svc.cluster.local") || fqdn.contains(".svc.") {
            return fqdn.split(separator: ".").first.map(String.init)
        }
        return fqdn
    }

    /// Namespace: second label of a `*.svc.*` FQDN.
    public var namespace: String? {
        guard let fqdn, fqdn.contains(".svc") else { return nil }
        let labels = fqdn.split(separator: ".")
        return labels.count >= 3 ? String(labels[1]) : nil
    }

    /// True for a Kubernetes service inside the mesh registry (`*.svc.cluster.local` style).
    public var isKubernetesService: Bool { fqdn?.contains(".svc.") ?? false }
}
