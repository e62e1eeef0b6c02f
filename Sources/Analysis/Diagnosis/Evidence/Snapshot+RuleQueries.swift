import AccessLog

/// Small lookups over a snapshot that many rules share.
extension Snapshot {
    /// The stats of one flag, when it was seen.
    func stats(for flag: ResponseFlag) -> FlagStats? { flags.first { $0.flag == flag } }

    /// The cluster with this name (a trailing `;` is ignored on either side).
    func cluster(named name: String) -> ClusterStats? {
        let key = ClusterKey.normalized(name)
        return clusters.first { $0.name.name == key }
    }

    /// A client pod that sent requests to the cluster, else any pod seen, else nil.
    func clientPod(for cluster: String?) -> String? {
        if let cluster {
            let key = ClusterKey.normalized(cluster)
            if let source = sources.first(where: { $0.clusters.contains { ClusterKey.normalized($0.cluster) == key } }) {
                return source.pod
            }
        }
        return sources.first?.pod
    }

    /// The namespace the logging proxy's workload most likely runs in: the namespace of its inbound
    /// clusters, else the most common namespace of the Kubernetes services it calls; nil when no
    /// cluster names one. Used for objects that belong with the client (a ServiceEntry).
    var likelyClientNamespace: String? {
        var inbound: [String: Int] = [:], outbound: [String: Int] = [:]
        for c in clusters {
            guard let namespace = c.name.namespace, c.name.isKubernetesService else { continue }
            if c.name.direction == .inbound { inbound[namespace, default: 0] += c.requests }
            else { outbound[namespace, default: 0] += c.requests }
        }
        let pick = inbound.isEmpty ? outbound : inbound
        return pick.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// Records with this code details value, over all clusters.
    func detailCount(where predicate: (String) -> Bool) -> Int {
        codeDetails.reduce(0) { predicate($1.key) ? $0 + $1.count : $0 }
    }
}

enum ClusterKey {
    /// Cluster names as `ClusterName.name` holds them (one trailing `;` removed).
    static func normalized(_ name: String) -> String {
        name.hasSuffix(";") ? String(name.dropLast()) : name
    }

    /// True for the "no cluster" values Envoy logs (`-`, empty) and the aggregator's overflow bucket
    /// (`other`, which mixes many clusters and so cannot be diagnosed as one).
    static func isNone(_ name: String) -> Bool { name.isEmpty || name == "-" || name == "other" }
}

extension ClusterStats {
    /// Count of one flag on this cluster.
    func count(of flag: ResponseFlag) -> Int { flags.first { $0.flag == flag }?.count ?? 0 }

    /// Hosts that are real endpoints (not the overflow bucket, not `-`).
    var realHosts: [HostStats] { hosts.filter { !$0.isOther && $0.host != "-" && !$0.host.isEmpty } }

    /// Requests summed over the real hosts (the denominator for host shares).
    var hostRequests: Int { realHosts.reduce(0) { $0 + $1.requests } }
}

extension HostStats {
    func count(of flag: ResponseFlag) -> Int { flags.first { $0.flag == flag }?.count ?? 0 }
    /// The IP part of `IP:port` / `[v6]:port` / `envoy://…/IP:port`.
    var ip: String {
        var text = host
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        if let colon = text.lastIndex(of: ":") { return String(text[..<colon]) }
        return text
    }
}
