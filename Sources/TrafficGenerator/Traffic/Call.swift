/// A request from one pod to an in-mesh service, before it becomes lines: who called whom, what,
/// how long the server took, what it answered, and what Envoy did to it.
struct Call {
    var target: Target
    var service: ServiceInfo
    /// Pod indices (`MeshPods.all`). For `.frontend` the client is the ingress gateway.
    var client: Int
    var host: Int
    var opIndex: Int
    var pathNumber: Int
    /// Time the application took, in milliseconds.
    var serverMs: Int
    var requestBytes: Int
    var responseBytes: Int
    /// The application's answer: HTTP status and, for gRPC, the grpc-status (0 = OK).
    var appCode: Int
    var appGrpcStatus: Int
    /// Set when Envoy answered or cut the request itself.
    var failure: EnvoyFailure?
    var attempts = 1
    /// Fault-injection delay added before the request was forwarded (`DI`).
    var delayMs = 0
    var route: Text
    var userAgent: Text
    /// What the server's sidecar logs for this request.
    var serverSide: ServerSide = .normal
    /// Which pooled connection carried the request (stable local ports per client/host/slot).
    var connectionSlot: Int
    /// Client addresses for `x-forwarded-for` (requests from the internet only).
    var forwardedFor: UInt32 = 0
    var forwardedFor2: UInt32 = 0

    var isGRPC: Bool { service.isGRPC }
}

/// The server-side line of a call.
enum ServerSide {
    /// Same request as the client saw it.
    case normal
    /// The request never reached the server.
    case none
    /// The server's sidecar rejected it: local rate limit (`429 RL`).
    case rateLimited
    /// The server's sidecar rejected it: AuthorizationPolicy (`403 - rbac_access_denied…`).
    case rbacDenied
    /// The client cancelled; the server side sees the stream reset.
    case cancelled(afterMs: Int)
}

/// Where a group of lines comes from.
enum Flow: CaseIterable {
    case ingress, orders, payments, catalog, reviews, redis, postgres, stripe
    /// Scenario flows.
    case ordersOpaqueTCP, passthrough, blackhole, shippingProxy, malformedClient
}
