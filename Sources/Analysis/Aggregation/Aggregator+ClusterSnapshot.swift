import AccessLog

extension Aggregator {
    /// Clusters by requests (ties by name), then the "other clusters" bucket when clusters were evicted.
    func clusterStatsList(_ r: RefResolver) -> [ClusterStats] {
        var list = clusterKeys.liveSlots.map { clusterStats(clusters[Int($0)], r) }
        list.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.name.name < $1.name.name }
        if otherCluster.requests > 0 {
            var other = clusterStats(otherCluster, r)
            other.isOther = true
            list.append(other)
        }
        return list
    }

    private func clusterStats(_ c: ClusterAccumulator, _ r: RefResolver) -> ClusterStats {
        var hosts = c.hostKeys.liveSlots.map { slot in
            hostStats(c.hosts[Int(slot)], name: c.hostKeys.keyString(slot), isOther: false, clusterRequests: c.requests)
        }
        hosts.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.host < $1.host }
        if c.otherHost.requests > 0 {
            hosts.append(hostStats(c.otherHost, name: "other", isOther: true, clusterRequests: c.requests))
        }
        return ClusterStats(
            name: c.name, requests: c.requests, errors: c.errors, clientErrors: c.clientErrors, http1: c.http1,
            http2: c.http2, tcp: c.tcp, grpc: c.grpc, latency: c.latency.summary,
            upstreamServiceTime: c.upstreamServiceTime.summary, bytesReceived: c.bytesReceived, bytesSent: c.bytesSent,
            hosts: hosts, imbalance: Self.imbalance(hosts), flags: RefResolver.flagCounts(c.flags),
            codes: RefResolver.codeCounts(c.codes), details: r.keyCounts(c.details), methods: r.keyCounts(c.methods),
            destinations: r.keyCounts(c.destinations), retried: c.retried)
    }

    private func hostStats(_ h: HostAccumulator, name: String, isOther: Bool, clusterRequests: Int) -> HostStats {
        HostStats(host: name, isOther: isOther, requests: h.requests,
                  share: clusterRequests > 0 ? Double(h.requests) / Double(clusterRequests) : 0, errors: h.errors,
                  latency: h.latency.summary, flags: RefResolver.flagCounts(h.flags),
                  codes: RefResolver.codeCounts(h.codes), grpcStatuses: RefResolver.grpcCounts(h.grpcStatuses))
    }

    /// How unevenly requests spread over the named hosts (the "other" bucket is left out):
    /// `(maxShare − 1/n) / (1 − 1/n)` with shares of the hosts' own total; 0 with fewer than two hosts,
    /// 1 when one host takes everything.
    static func imbalance(_ hosts: [HostStats]) -> Double {
        let named = hosts.filter { !$0.isOther && $0.requests > 0 }
        guard named.count >= 2 else { return 0 }
        let total = named.reduce(0) { $0 + $1.requests }
        let maxShare = Double(named.map(\.requests).max() ?? 0) / Double(total)
        let fair = 1 / Double(named.count)
        return max(0, min(1, (maxShare - fair) / (1 - fair)))
    }
}
