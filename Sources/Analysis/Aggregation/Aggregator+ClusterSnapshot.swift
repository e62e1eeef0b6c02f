import AccessLog

extension Aggregator {
    /// Clusters by requests (ties by name), then the "other clusters" bucket when clusters were evicted.
    /// Each with its hosts, their accuracy and the balance verdict. `hostsByCluster` is
    /// `hostSlotsByCluster()` (made once per snapshot: the pod list reads it too).
    func clusterStatsList(_ r: RefResolver, hostsByCluster: [Int32: [Int32]]) -> [ClusterStats] {
        let podSpread = podSpreadByCluster(hostsByCluster)
        var list = clusters.liveSlots.map { slot in
            clusterStats(clusters[slot], name: ClusterName(clusters.keyString(slot)), hostSlots: hostsByCluster[slot] ?? [],
                         pods: podSpread[slot] ?? [], r)
        }
        list.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.name.name < $1.name.name }
        if clusters.other.requests > 0 {
            var other = clusterStats(clusters.other, name: ClusterName("other"), hostSlots: [], pods: [], r)
            other.isOther = true
            list.append(other)
        }
        return list
    }

    /// Live host slots grouped by their cluster's slot.
    func hostSlotsByCluster() -> [Int32: [Int32]] {
        var byCluster: [Int32: [Int32]] = [:]
        for slot in hosts.liveSlots {
            let cluster = hosts[slot].cluster
            if clusters.isLive(cluster) { byCluster[cluster.slot, default: []].append(slot) }
        }
        return byCluster
    }

    /// Per cluster slot: each client pod's requests that named a host, and its busiest host's share
    /// (in no particular order). Live pods are summed in arrays indexed by their slot, cluster by
    /// cluster; links to evicted pods (past the bounds) by the pod's serial.
    private func podSpreadByCluster(_ hostsByCluster: [Int32: [Int32]]) -> [Int32: [(requests: Int, topShare: Double)]] {
        let podSlots = sources.keys.slotCount
        var total = [Int](repeating: 0, count: podSlots), top = [Int](repeating: 0, count: podSlots)
        var touched: [Int32] = []
        var out: [Int32: [(requests: Int, topShare: Double)]] = [:]
        for (cluster, hostSlots) in hostsByCluster {
            var evicted: [UInt64: (total: Int, top: Int)] = [:]
            for slot in hostSlots {
                hosts[slot].pods.requests.forEachEntry { key, count in
                    let pod = KeyRef(raw: key)
                    guard sources.isLive(pod) else {
                        let old = evicted[pod.serial] ?? (0, 0)
                        evicted[pod.serial] = (old.total + count, max(old.top, count))
                        return
                    }
                    let s = Int(pod.slot)
                    if total[s] == 0 && top[s] == 0 { touched.append(pod.slot) }
                    total[s] += count
                    top[s] = max(top[s], count)
                }
            }
            var pods: [(requests: Int, topShare: Double)] = []
            for s in touched.map({ Int($0) }) {
                if total[s] > 0 { pods.append((total[s], Double(top[s]) / Double(total[s]))) }
                total[s] = 0
                top[s] = 0
            }
            touched.removeAll(keepingCapacity: true)
            for v in evicted.values where v.total > 0 { pods.append((v.total, Double(v.top) / Double(v.total))) }
            if !pods.isEmpty { out[cluster] = pods }
        }
        return out
    }

    private func clusterStats(_ c: ClusterAccumulator, name: ClusterName, hostSlots: [Int32],
                              pods: [(requests: Int, topShare: Double)], _ r: RefResolver) -> ClusterStats {
        var latency = c.latencyWithoutHost
        let evicted = c.otherHost
        latency.merge(evicted.latency)
        var hostList = hostSlots.map { slot -> HostStats in
            latency.merge(hosts[slot].latency)
            return hostStats(hosts[slot], name: hosts.withKey(slot) { Self.hostName($0) }, isOther: false,
                             clusterRequests: c.requests)
        }
        hostList.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.host < $1.host }
        // What each listed count may lack (the floor its key inherited; 0 while the table is exact).
        let shortfalls = hosts.isApproximate ? hostSlots.map { hosts.keys.floors[Int($0)] } : []
        let balance = BalanceJudge.judge(hostCounts: hostSlots.map { hosts[$0].requests }, shortfalls: shortfalls,
                                         pods: pods, tcpShare: c.requests > 0 ? Double(c.tcp) / Double(c.requests) : 0)
        var accuracy = TableAccuracy.exact
        if evicted.requests > 0 {
            hostList.append(hostStats(evicted, name: "other", isOther: true, clusterRequests: c.requests))
            let withHost = max(1, c.requests - c.requestsWithoutHost)
            accuracy = TableAccuracy(approximate: true, otherCount: evicted.requests,
                                     otherShare: Double(evicted.requests) / Double(withHost),
                                     errorBound: hosts.errorBound)
        }
        return ClusterStats(
            name: name, requests: c.requests, errors: c.errors, clientErrors: c.clientErrors, http1: c.http1,
            http2: c.http2, tcp: c.tcp, grpc: c.grpc, latency: latency.summary,
            upstreamServiceTime: c.upstreamServiceTime.summary, bytesReceived: c.bytesReceived, bytesSent: c.bytesSent,
            hosts: hostList, imbalance: Self.imbalance(hostList), flags: RefResolver.flagCounts(c.flags),
            codes: RefResolver.codeCounts(c.codes), details: r.keyCounts(c.details), methods: r.keyCounts(c.methods),
            destinations: r.keyCounts(c.destinations), retried: c.retried, hostTable: accuracy, balance: balance,
            requestsWithoutHost: c.requestsWithoutHost)
    }

    private func hostStats(_ h: HostAccumulator, name: String, isOther: Bool, clusterRequests: Int) -> HostStats {
        HostStats(host: name, isOther: isOther, requests: h.requests,
                  share: clusterRequests > 0 ? Double(h.requests) / Double(clusterRequests) : 0, errors: h.errors,
                  latency: h.latency.summary, flags: RefResolver.flagCounts(h.flags),
                  codes: RefResolver.codeCounts(h.codes), grpcStatuses: RefResolver.grpcCounts(h.grpcStatuses),
                  bytesReceived: h.bytesReceived, bytesSent: h.bytesSent)
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

