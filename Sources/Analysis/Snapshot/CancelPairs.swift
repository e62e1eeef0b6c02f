/// How the DR/DC records pair up across sidecars: a gRPC cancel is logged by the client's sidecar
/// (`outbound|…`) and by the server's sidecar (`inbound|…`), two records for one event. Records are
/// paired by request id, or by authority, path and start time (±1 s) when no id is logged.
public struct CancelPairs: Sendable, Equatable {
    /// Events logged by both sides, paired by request id (two records each).
    public var matchedByID = 0
    /// Events logged by both sides, paired by authority, path and start time (two records each).
    public var matchedByTime = 0
    /// Records of a client-side (not `inbound`) sidecar with no server-side partner.
    public var clientOnly = 0
    /// Records of a server-side (`inbound`) sidecar with no client-side partner.
    public var serverOnly = 0
    /// Records not paired because the correlator's bound was reached (counted as their own events).
    public var untracked = 0
    /// True when records were left untracked while both sides were seen: some pairs may be missed,
    /// so `events` is then an upper bound.
    public var isApproximate = false
    /// Matched events per (client cluster, server cluster), most first.
    public var links: [CancelLink] = []
    /// The two lines of one paired event (the first seen): the client side's, then the server side's;
    /// empty when nothing paired (or the pair's lines were not among the first few kept).
    public var sample: [String] = []

    public init() {}

    /// Events logged by both sides.
    public var matched: Int { matchedByID + matchedByTime }
    /// DR/DC records counted.
    public var records: Int { 2 * matched + clientOnly + serverOnly + untracked }
    /// Distinct cancel events: each pair once.
    public var events: Int { matched + clientOnly + serverOnly + untracked }

    /// Matched events whose client side was on `cluster`.
    public func matched(client cluster: String) -> Int {
        links.filter { $0.clientCluster == cluster }.reduce(0) { $0 + $1.matched }
    }

    /// Matched events whose server side was on `cluster`.
    public func matched(server cluster: String) -> Int {
        links.filter { $0.serverCluster == cluster }.reduce(0) { $0 + $1.matched }
    }
}

/// Cancel events seen by a client-side cluster and a server-side cluster.
public struct CancelLink: Sendable, Equatable {
    /// The client sidecar's cluster (`outbound|50051||orders.shop.svc.cluster.local`).
    public var clientCluster: String
    /// The server sidecar's cluster (`inbound|50051||`).
    public var serverCluster: String
    public var matched: Int

    public init(clientCluster: String, serverCluster: String, matched: Int) {
        self.clientCluster = clientCluster
        self.serverCluster = serverCluster
        self.matched = matched
    }
}
