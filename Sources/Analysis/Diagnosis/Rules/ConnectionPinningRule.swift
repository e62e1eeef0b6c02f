import AccessLog

/// Requests stick to one host per client. Two signatures: several client pods (from log prefixes)
/// each send ≥ `pinnedPodHostShare` of their requests for a cluster to one host while the cluster
/// has ≥ 2 hosts; or, failing that, on long-lived HTTP/2 or TCP traffic a spread that the balance
/// test calls skewed (χ² significant and a coefficient of variation above 0.1, so that many hosts with
/// ordinary random differences stay quiet) with the busiest host far above its fair share.
struct ConnectionPinningRule: DiagnosisRule {
    public static let id = FindingID.connectionPinning
    public init() {}

    /// A pod sending nearly everything for the cluster to one host.
    struct PinnedPod {
        let pod: String
        let host: String
        let share: Double
        let requests: Int
    }

    func evaluate(_ snapshot: Snapshot, context: DiagnosisContext) -> [Finding] {
        let t = context.thresholds
        let podsByCluster = Self.podsByCluster(snapshot)
        return snapshot.clusters.compactMap { c -> Finding? in
            guard c.name.direction == .outbound, c.name.special == nil, c.realHosts.count >= 2 else { return nil }
            let (pinned, eligible) = Self.pinnedPods(podsByCluster[c.name.name] ?? [], t)
            if pinned.count >= t.pinnedPodsMin {
                return finding(c, pinned: pinned, eligible: eligible, snapshot)
            }
            guard c.requests >= t.pinningMinRequests,
                  SeverityPolicy.share(c.http2 + c.tcp, of: c.requests) >= t.pinningLongLivedShare,
                  let top = c.realHosts.max(by: { $0.requests < $1.requests }),
                  [.skewed, .pinned].contains(Self.balance(c).verdict),
                  Self.imbalance(c) >= t.pinningImbalance else { return nil }
            return finding(c, top: top, snapshot)
        }
    }

    /// Each cluster's client pods (by normalised cluster name), built once per evaluation so that
    /// hundreds of clusters × thousands of pods cost one pass.
    static func podsByCluster(_ snapshot: Snapshot) -> [String: [(pod: String, stats: SourceClusterStats)]] {
        var index: [String: [(pod: String, stats: SourceClusterStats)]] = [:]
        for source in snapshot.sources where source.pod != "other" {
            for sc in source.clusters { index[ClusterKey.normalized(sc.cluster), default: []].append((source.pod, sc)) }
        }
        return index
    }

    /// Pods pinned to one host of the cluster, and how many pods sent enough requests to judge.
    static func pinnedPods(_ pods: [(pod: String, stats: SourceClusterStats)], _ t: DiagnosisThresholds) -> ([PinnedPod], Int) {
        var pinned: [PinnedPod] = []
        var eligible = 0
        for (pod, sc) in pods {
            guard sc.requests >= t.pinnedPodMinRequests,
                  let top = sc.hosts.filter({ !$0.isOther }).max(by: { $0.count < $1.count }) else { continue }
            eligible += 1
            let share = Double(top.count) / Double(sc.requests)
            if share >= t.pinnedPodHostShare {
                pinned.append(PinnedPod(pod: pod, host: top.key, share: share, requests: sc.requests))
            }
        }
        pinned.sort { $0.requests != $1.requests ? $0.requests > $1.requests : $0.pod < $1.pod }
        return (pinned, eligible)
    }

    /// (max share − 1/n) / (1 − 1/n) over the real hosts; 0 with fewer than two.
    static func imbalance(_ c: ClusterStats) -> Double {
        let hosts = c.realHosts
        let total = c.hostRequests
        guard hosts.count >= 2, total > 0, let top = hosts.map(\.requests).max() else { return 0 }
        let fair = 1 / Double(hosts.count)
        return (Double(top) / Double(total) - fair) / (1 - fair)
    }

    private func finding(_ c: ClusterStats, pinned: [PinnedPod], eligible: Int, _ snapshot: Snapshot) -> Finding {
        let name = ServiceTarget.displayName(c.name)
        let distinct = Set(pinned.map(\.host)).count
        var facts = [
            Fact("Pinned client pods", "\(pinned.count) of \(eligible) pods with traffic to \(name) send ≥ 90% of it to one host"),
            Fact("Hosts", "\(c.realHosts.count) hosts; the pinned pods use \(distinct) of them"),
        ]
        facts += pinned.prefix(4).map { Fact($0.pod, "→ \($0.host) (\(Format.percent($0.share)) of \(Format.thousands($0.requests)))") }
        if pinned.count > 4 { facts.append(Fact("More pinned pods", "\(pinned.count - 4) more, each on one host")) }
        facts.append(Fact("Host distribution", Self.distribution(c)))
        facts.append(Self.balanceFact(c))
        let title = "Connection pinning on \(name): \(pinned.count) of \(eligible) client pods send ≥ 90% of their requests to one host (\(c.realHosts.count) hosts)"
        return make(c, title: title, facts: facts, pod: pinned.first?.pod, snapshot)
    }

    private func finding(_ c: ClusterStats, top: HostStats, _ snapshot: Snapshot) -> Finding {
        let name = ServiceTarget.displayName(c.name)
        let share = SeverityPolicy.share(top.requests, of: c.hostRequests)
        let fair = 1 / Double(c.realHosts.count)
        let facts = [
            Fact("Top host", "\(top.host) takes \(Format.percent(share)) of \(Format.thousands(c.hostRequests)) requests (fair share \(Format.percent(fair)))"),
            Fact("Imbalance", "\(Format.fixed(Self.imbalance(c), decimals: 2)) (0 even … 1 all on one host)"),
            Fact("Long-lived traffic", "HTTP/2 \(Format.thousands(c.http2)), TCP \(Format.thousands(c.tcp)) of \(Format.thousands(c.requests))"),
            Fact("Host distribution", Self.distribution(c)),
            Self.balanceFact(c),
        ]
        let title = "Connection pinning on \(name): \(top.host) takes \(Format.percent(share)) of \(Format.thousands(c.hostRequests)) requests (fair share \(Format.percent(fair)))"
        return make(c, title: title, facts: facts, pod: nil, snapshot)
    }

    private func make(_ c: ClusterStats, title: String, facts: [Fact], pod: String?, _ snapshot: Snapshot) -> Finding {
        let tcp = SeverityPolicy.share(c.tcp, of: c.requests) >= 0.5
        let keys = tcp ? ["tcp", "headless", "consistent-hash", "locality"] : ["headless", "consistent-hash", "locality", "tcp"]
        let k = FindingKnowledgeBase.entry(Self.id)
        let p = Placeholders(target: ServiceTarget(c.name), pod: pod ?? snapshot.clientPod(for: c.name.name))
        var fixes = k.fixes(p)
        if !tcp { fixes.reverse() }
        return Finding(
            id: Self.id, severity: .warning, title: title, subject: c.name.name,
            evidence: Evidence(facts: facts, window: nil, samples: ClusterSamples.lines(for: c.name.name, in: snapshot)),
            explanation: k.causes(first: keys), fixes: fixes, verify: k.verify(p),
            impact: SeverityPolicy.share(c.requests, of: snapshot.requests))
    }

    /// The cluster's balance over its listed hosts (judged here too, so hand-built snapshots agree).
    static func balance(_ c: ClusterStats) -> HostBalance {
        if c.balance.hosts > 0 { return c.balance }
        return BalanceJudge.judge(hostCounts: c.realHosts.map(\.requests), pods: [],
                                  tcpShare: SeverityPolicy.share(c.tcp, of: c.requests))
    }

    /// The balance test behind the verdict: hosts, coefficient of variation, χ² p-value.
    static func balanceFact(_ c: ClusterStats) -> Fact {
        let b = balance(c)
        let p = b.pValue.map { $0 < 0.0001 ? "< 0.0001" : Format.fixed($0, decimals: 4) } ?? "–"
        return Fact("Balance", "\(b.verdict.rawValue): \(b.hosts) hosts, CV \(Format.fixed(b.cv, decimals: 2)), χ² p \(p)")
    }

    static func distribution(_ c: ClusterStats) -> String {
        let total = c.hostRequests
        let hosts = c.realHosts.sorted { $0.requests > $1.requests }
        return hosts.prefix(5).map { "\($0.host) \(Format.percent(SeverityPolicy.share($0.requests, of: total)))" }
            .joined(separator: ", ") + (hosts.count > 5 ? " (+\(hosts.count - 5) more)" : "")
    }
}
