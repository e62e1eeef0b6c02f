import AccessLog

/// The service a finding is about, as the names that go into YAML and commands.
/// Built from an Istio cluster name; unknown parts become `<placeholders>`.
struct ServiceTarget: Sendable, Equatable {
    /// The cluster as logged (`outbound|50051|v2|orders.shop.svc.cluster.local`), when known.
    var clusterName: String?
    var fqdn: String
    var service: String
    var namespace: String
    var port: String
    var subset: String?
    /// True when the names came from a real cluster (not placeholders).
    var isKnown: Bool

    /// Placeholder names, as printed by `meshlog explain`.
    static let generic = ServiceTarget(
        clusterName: nil, fqdn: "<service>.<namespace>.svc.cluster.local", service: "<service>",
        namespace: "<namespace>", port: "<port>", subset: nil, isKnown: false)

    init(clusterName: String?, fqdn: String, service: String, namespace: String, port: String, subset: String?,
         isKnown: Bool) {
        self.clusterName = clusterName; self.fqdn = fqdn; self.service = service; self.namespace = namespace
        self.port = port; self.subset = subset; self.isKnown = isKnown
    }

    init(_ cluster: ClusterName) {
        let g = ServiceTarget.generic
        clusterName = cluster.name
        fqdn = cluster.fqdn ?? g.fqdn
        service = cluster.serviceName ?? g.service
        namespace = cluster.namespace ?? g.namespace
        port = cluster.port.map(String.init) ?? g.port
        // Only outbound clusters carry a subset; the old inbound form puts the port name there.
        subset = cluster.direction == .outbound ? cluster.subset : nil
        isKnown = cluster.fqdn != nil
    }

    /// The service an authority names (`orders.shop.svc.cluster.local:50051`, `orders.shop:50051`,
    /// `orders:50051`), with `port` when the authority has none; nil for an IP address or no authority.
    init?(authority: String?, port: Int?, clusterName: String?) {
        guard let authority, !authority.isEmpty, authority != "-" else { return nil }
        var host = Substring(authority), authorityPort: String?
        if let colon = host.lastIndex(of: ":"), !host.contains("]") {
            authorityPort = String(host[host.index(after: colon)...])
            host = host[..<colon]
        }
        let labels = host.split(separator: ".")
        guard let first = labels.first, !first.allSatisfy({ $0.isNumber }), first.first?.isLetter == true else { return nil }
        let g = ServiceTarget.generic
        service = String(first)
        namespace = labels.count >= 2 && labels[1] != "svc" ? String(labels[1]) : g.namespace
        fqdn = "\(service).\(namespace).svc.cluster.local"
        self.port = authorityPort ?? port.map(String.init) ?? g.port
        self.clusterName = clusterName
        subset = nil
        isKnown = namespace != g.namespace
    }

    /// Short human name: `orders.shop:50051`, `orders.shop:50051 subset v2`, `api.example.com:443`,
    /// `PassthroughCluster`, `inbound|8080||`.
    static func displayName(_ cluster: ClusterName) -> String {
        if cluster.special != nil { return cluster.name }
        guard let fqdn = cluster.fqdn else { return cluster.name.isEmpty ? "-" : cluster.name }
        var base = fqdn
        if let service = cluster.serviceName, let namespace = cluster.namespace, cluster.isKubernetesService {
            base = service + "." + namespace
        }
        if let port = cluster.port { base += ":\(port)" }
        if cluster.direction == .inbound { base = "inbound " + base }
        if let subset = cluster.subset, cluster.direction == .outbound { base += " subset " + subset }
        return base
    }
}
