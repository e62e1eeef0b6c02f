/// How the DR/DC records pair up across sidecars: a gRPC cancel is logged by the client's sidecar
/// (`outbound|…`) and by the server's sidecar (`inbound|…`), two records for one event. Records are
/// paired by request id, or by authority, path and start time (±1 s) when no id is logged.
struct CancelPairs: Sendable, Equatable {
    /// Events logged by both sides, paired by request id (two records each).
    var matchedByID = 0
    /// Events logged by both sides, paired by authority, path and start time (two records each).
    var matchedByTime = 0
    /// Records of a client-side (not `inbound`) sidecar with no server-side partner.
    var clientOnly = 0
    /// Records of a server-side (`inbound`) sidecar with no client-side partner.
    var serverOnly = 0
    /// Records not paired because the correlator's bound was reached (counted as their own events).
    var untracked = 0
    /// True when records were left untracked while both sides were seen: some pairs may be missed,
    /// so `events` is then an upper bound.
    var isApproximate = false
    /// Matched events per (client cluster, server cluster), most first.
    var links: [CancelLink] = []
    /// The two lines of one paired event (the first seen): the client side's, then the server side's;
    /// empty when nothing paired (or the pair's lines were not among the first few kept).
    var sample: [String] = []

    init() {}

    /// Events logged by both sides.
    var matched: Int { matchedByID + matchedByTime }
    /// DR/DC records counted.
    var records: Int { 2 * matched + clientOnly + serverOnly + untracked }
    /// Distinct cancel events: each pair once.
    var events: Int { matched + clientOnly + serverOnly + untracked }

    /// Matched events whose client side was on `cluster`.
    func matched(client cluster: String) -> Int {
        links.filter { $0.clientCluster == cluster }.reduce(0) { $0 + $1.matched }
    }

    /// Matched events whose server side was on `cluster`.
    func matched(server cluster: String) -> Int {
        links.filter { $0.serverCluster == cluster }.reduce(0) { $0 + $1.matched }
    }
}

/// Cancel events seen by a client-side cluster and a server-side cluster.
struct CancelLink: Sendable, Equatable {
    /// The client sidecar's cluster (`outbound|50051||orders.shop.svc.cluster.local`).
    var clientCluster: String
    /// The server sidecar's cluster (`inbound|50051||`).
    var serverCluster: String
    var matched: Int

    init(clientCluster: String, serverCluster: String, matched: Int) {
        self.clientCluster = clientCluster
        self.serverCluster = serverCluster
        self.matched = matched
    }
}
