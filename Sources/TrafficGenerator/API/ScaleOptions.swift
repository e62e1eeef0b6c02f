/// The shape of a large mesh (`meshlog generate --clusters --hosts-per-cluster --client-pods`).
///
/// When `GeneratorOptions.scale` is set, the generator writes the client-side (`outbound|…`) lines of
/// many client pods calling many upstream clusters instead of the small `shop` mesh, and only access
/// lines (no proxy log lines, no scenario), so that every count in the output is known exactly:
///
/// - `clusters` services `outbound|PORT||svc-N.ns.svc.cluster.local`; even N is gRPC on port 50051
///   (`/ns.svcN.v1.Api/Get` and `/List`), odd N is HTTP/1.1 on port 8080. Each request picks a
///   cluster uniformly at random.
/// - `hostsPerCluster` upstream hosts per cluster, pod IPs `10.64.0.1:PORT` onwards, unique across
///   the whole mesh.
/// - `clientPods` calling pods (`frontend-6f7d9c8b54-bcdfg`), named in the log-tool prefix, in
///   deployments of about `podsPerDeployment` replicas; each cluster is called by the pods of one
///   deployment (cluster N by deployment N mod deployments), so every pod appears and the number of
///   (pod, cluster) pairs stays near `clusters × podsPerDeployment`. With fewer clusters than
///   `clientPods / podsPerDeployment`, there is one deployment per cluster instead.
/// - Balancing is per request: a request picks one of its cluster's hosts uniformly at random.
///   A `pinnedFraction` of the client pods (chosen at random, exactly `round(fraction × clientPods)`)
///   send all of their traffic for a cluster to one host of it instead, fixed per (pod, cluster).
/// - About 0.1 % of requests end in Envoy's `UC` (connection termination), a trace of errors.
///
/// `uniqueKeys` ignores the counts and writes adversarial input instead: every line has a new client
/// pod, upstream host, cluster, path (gRPC method or HTTP path, distinct even after meshlog's `{id}`
/// normalisation), authority and user agent.
public struct ScaleOptions: Sendable, Equatable {
    /// Client pods per deployment when there are enough clusters (see the type's documentation).
    static let podsPerDeployment = 10

    public var clusters: Int
    public var hostsPerCluster: Int
    public var clientPods: Int
    /// Share (0…1) of the client pods pinned to one host per cluster.
    public var pinnedFraction: Double
    /// Adversarial input: new keys on every line.
    public var uniqueKeys: Bool

    public init(clusters: Int = 1, hostsPerCluster: Int = 10, clientPods: Int = 10, pinnedFraction: Double = 0,
                uniqueKeys: Bool = false) {
        self.clusters = max(1, clusters)
        self.hostsPerCluster = max(1, hostsPerCluster)
        self.clientPods = max(1, clientPods)
        self.pinnedFraction = min(max(pinnedFraction, 0), 1)
        self.uniqueKeys = uniqueKeys
    }

    /// Number of pinned client pods.
    public var pinnedPods: Int { Int((pinnedFraction * Double(clientPods)).rounded()) }

    /// Number of client deployments: one per `podsPerDeployment` pods, at most one per cluster.
    public var deployments: Int {
        let byPods = (clientPods + ScaleOptions.podsPerDeployment - 1) / ScaleOptions.podsPerDeployment
        return max(1, min(clusters, byPods))
    }
}
