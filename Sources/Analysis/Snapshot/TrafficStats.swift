import AccessLog

/// Everything known about one response flag.
public struct FlagStats: Sendable, Equatable {
    public var flag: ResponseFlag
    public var count: Int
    /// count / all access records.
    public var share: Double
    public var clusters: [KeyCount]
    /// Upstream hosts (`IP:port`) the flag occurred on.
    public var hosts: [KeyCount]
    public var codes: [CodeCount]
    public var details: [KeyCount]
    public var transportFailureReasons: [KeyCount]
    /// How many flagged records were gRPC requests, and how many TCP connections.
    public var grpcCount: Int
    public var tcpCount: Int
    /// Duration of the flagged records.
    public var latency: LatencySummary
    public var firstSeenMs: Int64?
    public var lastSeenMs: Int64?
    /// Up to 5 raw lines with this flag.
    public var samples: [String]
    public init(flag: ResponseFlag, count: Int = 0, share: Double = 0, clusters: [KeyCount] = [], hosts: [KeyCount] = [],
                codes: [CodeCount] = [], details: [KeyCount] = [], transportFailureReasons: [KeyCount] = [],
                grpcCount: Int = 0, tcpCount: Int = 0, latency: LatencySummary = LatencySummary(),
                firstSeenMs: Int64? = nil, lastSeenMs: Int64? = nil, samples: [String] = []) {
        self.flag = flag; self.count = count; self.share = share; self.clusters = clusters; self.hosts = hosts
        self.codes = codes; self.details = details; self.transportFailureReasons = transportFailureReasons
        self.grpcCount = grpcCount; self.tcpCount = tcpCount; self.latency = latency
        self.firstSeenMs = firstSeenMs; self.lastSeenMs = lastSeenMs; self.samples = samples
    }
}

/// One upstream cluster (`outbound|50051||orders.shop.svc.cluster.local`, `PassthroughCluster`, …).
public struct ClusterStats: Sendable, Equatable {
    public var name: ClusterName
    public var requests: Int
    /// 5xx, failure flags (except client-side DC/DR), or gRPC server-error statuses.
    public var errors: Int
    /// 4xx responses.
    public var clientErrors: Int
    /// Records by protocol: HTTP/1.x, HTTP/2, TCP (`"- - -"`), and gRPC among HTTP/2.
    public var http1: Int
    public var http2: Int
    public var tcp: Int
    public var grpc: Int
    public var latency: LatencySummary
    public var upstreamServiceTime: LatencySummary
    public var bytesReceived: Int64
    public var bytesSent: Int64
    /// Hosts by requests; shares are of this cluster's requests.
    public var hosts: [HostStats]
    /// Imbalance of the host distribution: 0 = perfectly even, 1 = everything on one host
    /// (normalised: (max share − 1/n) / (1 − 1/n); 0 with fewer than two hosts).
    public var imbalance: Double
    public var flags: [FlagCount]
    public var codes: [CodeCount]
    public var details: [KeyCount]
    /// Top gRPC methods / HTTP paths on this cluster.
    public var methods: [KeyCount]
    /// Where traffic was going: authority (HTTP), SNI, or the original destination address (TCP).
    public var destinations: [KeyCount]
    /// Requests with more than one upstream attempt (when the format logs attempts).
    public var retried: Int
    /// True for the bucket that holds every cluster past the aggregator's limit (named `other`).
    public var isOther: Bool
    /// How exact `hosts` is (an "other" host row exists only when approximate).
    public var hostTable: TableAccuracy
    /// How evenly requests spread over the hosts, and the statistics behind the verdict.
    public var balance: HostBalance
    /// Requests that named no upstream host (`-`).
    public var requestsWithoutHost: Int
    public init(name: ClusterName, requests: Int = 0, errors: Int = 0, clientErrors: Int = 0, http1: Int = 0,
                http2: Int = 0, tcp: Int = 0, grpc: Int = 0, latency: LatencySummary = LatencySummary(),
                upstreamServiceTime: LatencySummary = LatencySummary(), bytesReceived: Int64 = 0, bytesSent: Int64 = 0,
                hosts: [HostStats] = [], imbalance: Double = 0, flags: [FlagCount] = [], codes: [CodeCount] = [],
                details: [KeyCount] = [], methods: [KeyCount] = [], destinations: [KeyCount] = [], retried: Int = 0,
                isOther: Bool = false, hostTable: TableAccuracy = .exact, balance: HostBalance = HostBalance(),
                requestsWithoutHost: Int = 0) {
        self.hostTable = hostTable; self.balance = balance; self.requestsWithoutHost = requestsWithoutHost
        self.name = name; self.requests = requests; self.errors = errors; self.clientErrors = clientErrors
        self.http1 = http1; self.http2 = http2; self.tcp = tcp; self.grpc = grpc; self.latency = latency
        self.upstreamServiceTime = upstreamServiceTime; self.bytesReceived = bytesReceived; self.bytesSent = bytesSent
        self.hosts = hosts; self.imbalance = imbalance; self.flags = flags; self.codes = codes; self.details = details
        self.methods = methods; self.destinations = destinations; self.retried = retried
        self.isOther = isOther
    }
}

/// One upstream host within a cluster.
public struct HostStats: Sendable, Equatable {
    /// `IP:port`, `[v6]:port`, `envoy://…`, or `other` for the bucket past the limit.
    public var host: String
    public var isOther: Bool
    public var requests: Int
    /// requests / cluster requests.
    public var share: Double
    public var errors: Int
    public var latency: LatencySummary
    public var flags: [FlagCount]
    public var codes: [CodeCount]
    public var grpcStatuses: [GrpcStatusCount]
    public var bytesReceived: Int64
    public var bytesSent: Int64
    public init(host: String, isOther: Bool = false, requests: Int = 0, share: Double = 0, errors: Int = 0,
                latency: LatencySummary = LatencySummary(), flags: [FlagCount] = [], codes: [CodeCount] = [],
                grpcStatuses: [GrpcStatusCount] = [], bytesReceived: Int64 = 0, bytesSent: Int64 = 0) {
        self.bytesReceived = bytesReceived; self.bytesSent = bytesSent
        self.host = host; self.isOther = isOther; self.requests = requests; self.share = share; self.errors = errors
        self.latency = latency; self.flags = flags; self.codes = codes; self.grpcStatuses = grpcStatuses
    }
}

/// A gRPC method or a non-GET HTTP operation.
public struct MethodStats: Sendable, Equatable {
    /// `/pkg.Service/Method` or `POST /orders/{id}`.
    public var method: String
    public var isGRPC: Bool
    public var requests: Int
    public var errors: Int
    public var grpcStatuses: [GrpcStatusCount]
    public var latency: LatencySummary
    /// Requests with more than one upstream attempt, and the largest attempt count seen.
    public var retried: Int
    var maxAttempts: Int
    /// Clusters this method was sent to.
    public var clusters: [KeyCount]
    public init(method: String, isGRPC: Bool, requests: Int = 0, errors: Int = 0, grpcStatuses: [GrpcStatusCount] = [],
                latency: LatencySummary = LatencySummary(), retried: Int = 0, maxAttempts: Int = 0,
                clusters: [KeyCount] = []) {
        self.method = method; self.isGRPC = isGRPC; self.requests = requests; self.errors = errors
        self.grpcStatuses = grpcStatuses; self.latency = latency; self.retried = retried
        self.maxAttempts = maxAttempts; self.clusters = clusters
    }
}

/// One client pod (from a kubectl/stern prefix) and where its requests went.
public struct SourceStats: Sendable, Equatable {
    public var pod: String
    public var container: String?
    public var requests: Int
    public var errors: Int
    public var clusters: [SourceClusterStats]
    public init(pod: String, container: String? = nil, requests: Int = 0, errors: Int = 0,
                clusters: [SourceClusterStats] = []) {
        self.pod = pod; self.container = container; self.requests = requests; self.errors = errors
        self.clusters = clusters
    }
}

/// One pod's requests to one cluster, spread over upstream hosts.
public struct SourceClusterStats: Sendable, Equatable {
    public var cluster: String
    public var requests: Int
    public var errors: Int
    /// Requests per upstream host (an `isOther` entry for requests whose host is not listed).
    public var hosts: [KeyCount]
    public init(cluster: String, requests: Int = 0, errors: Int = 0, hosts: [KeyCount] = []) {
        self.cluster = cluster; self.requests = requests; self.errors = errors; self.hosts = hosts
    }
}
