/// An in-mesh destination: one Kubernetes Service port (and subset for reviews).
enum Target: Int, CaseIterable {
    case orders, payments, catalog, reviewsV1, reviewsV2, frontend
}

/// Everything the log shows about a destination service.
struct ServiceInfo {
    let outboundCluster: Text
    /// Pre-1.10 inbound cluster: `inbound|PORT|PORTNAME|FQDN`.
    let inboundClusterLong: Text
    /// Istio ≥1.10 inbound cluster: `inbound|PORT||`.
    let inboundClusterShort: Text
    let clusterIP: UInt32
    let port: UInt16
    let authority: Text
    /// `REQUESTED_SERVER_NAME` on the server side (Istio mTLS SNI).
    let inboundServerName: Text
    /// `%ROUTE_NAME%` on the client side in background traffic.
    let route: Text
    let userAgent: Text
    let pods: Range<Int>
    let isGRPC: Bool
}

enum MeshServices {
    static let orders = ServiceInfo(
        outboundCluster: "outbound|50051||orders.shop.svc.cluster.local",
        inboundClusterLong: "inbound|50051|grpc|orders.shop.svc.cluster.local", inboundClusterShort: "inbound|50051||",
        clusterIP: ipv4(10, 96, 112, 7), port: 50051, authority: "orders:50051",
        inboundServerName: "outbound_.50051_._.orders.shop.svc.cluster.local", route: "default",
        userAgent: "grpc-go/1.62.1", pods: MeshPods.orders, isGRPC: true)

    static let payments = ServiceInfo(
        outboundCluster: "outbound|50051||payments.shop.svc.cluster.local",
        inboundClusterLong: "inbound|50051|grpc|payments.shop.svc.cluster.local", inboundClusterShort: "inbound|50051||",
        clusterIP: ipv4(10, 96, 201, 33), port: 50051, authority: "payments:50051",
        inboundServerName: "outbound_.50051_._.payments.shop.svc.cluster.local", route: "default",
        userAgent: "grpc-go/1.62.1", pods: MeshPods.payments, isGRPC: true)

    static let catalog = ServiceInfo(
        outboundCluster: "outbound|8080||catalog.shop.svc.cluster.local",
        inboundClusterLong: "inbound|8080|http|catalog.shop.svc.cluster.local", inboundClusterShort: "inbound|8080||",
        clusterIP: ipv4(10, 96, 87, 150), port: 8080, authority: "catalog:8080",
        inboundServerName: "outbound_.8080_._.catalog.shop.svc.cluster.local", route: "catalog-api",
        userAgent: "Go-http-client/1.1", pods: MeshPods.catalog, isGRPC: false)

    static let reviewsV1 = ServiceInfo(
        outboundCluster: "outbound|9080|v1|reviews.shop.svc.cluster.local",
        inboundClusterLong: "inbound|9080|http|reviews.shop.svc.cluster.local", inboundClusterShort: "inbound|9080||",
        clusterIP: ipv4(10, 96, 15, 201), port: 9080, authority: "reviews:9080",
        inboundServerName: "outbound_.9080_.v1_.reviews.shop.svc.cluster.local", route: "reviews-stable",
        userAgent: "Go-http-client/1.1", pods: MeshPods.reviewsV1, isGRPC: false)

    static let reviewsV2 = ServiceInfo(
        outboundCluster: "outbound|9080|v2|reviews.shop.svc.cluster.local",
        inboundClusterLong: "inbound|9080|http|reviews.shop.svc.cluster.local", inboundClusterShort: "inbound|9080||",
        clusterIP: ipv4(10, 96, 15, 201), port: 9080, authority: "reviews:9080",
        inboundServerName: "outbound_.9080_.v2_.reviews.shop.svc.cluster.local", route: "reviews-stable",
        userAgent: "Go-http-client/1.1", pods: MeshPods.reviewsV2, isGRPC: false)

    /// Reached only from the ingress gateway (its inbound lines carry the browser's request).
    static let frontend = ServiceInfo(
        outboundCluster: "outbound|8080||frontend.shop.svc.cluster.local",
        inboundClusterLong: "inbound|8080|http|frontend.shop.svc.cluster.local", inboundClusterShort: "inbound|8080||",
        clusterIP: ipv4(10, 96, 44, 120), port: 8080, authority: "shop.example.com",
        inboundServerName: "outbound_.8080_._.frontend.shop.svc.cluster.local", route: "default",
        userAgent: "-", pods: MeshPods.frontend, isGRPC: false)

    static let all: [ServiceInfo] = [orders, payments, catalog, reviewsV1, reviewsV2, frontend]

    static func info(_ target: Target) -> ServiceInfo { all[target.rawValue] }
}

/// A TCP destination (`"- - -"` lines).
struct TCPService {
    let cluster: Text
    let clusterIP: UInt32
    let port: UInt16
    let hostPod: Int
    let serverName: Text
}

enum MeshTCP {
    static let redis = TCPService(cluster: "outbound|6379||redis.shop.svc.cluster.local",
                                  clusterIP: ipv4(10, 96, 63, 18), port: 6379, hostPod: MeshPods.redis, serverName: "-")
    static let postgres = TCPService(cluster: "outbound|5432||postgres.shop.svc.cluster.local",
                                     clusterIP: ipv4(10, 96, 140, 92), port: 5432, hostPod: MeshPods.postgres,
                                     serverName: "-")
    /// `ServiceEntry` for the payment provider (TLS from the app, so TCP at the sidecar).
    static let stripeCluster: Text = "outbound|443||api.stripe.com"
    static let stripeServerName: Text = "api.stripe.com"
    static let stripeIPs: [UInt32] = [ipv4(54, 187, 174, 169), ipv4(54, 187, 205, 235), ipv4(54, 187, 216, 72)]
}

/// Destinations outside the mesh registry (PassthroughCluster / BlackHoleCluster scenarios).
struct ExternalHost {
    let name: Text
    let ip: UInt32
    /// True: plain HTTP on port 80 (`allow_any` / `block_all` routes); false: TLS on 443.
    let isHTTP: Bool
    let path: Text
}

enum MeshExternal {
    static let hosts: [ExternalHost] = [
        ExternalHost(name: "hooks.slack.com", ip: ipv4(34, 193, 98, 150), isHTTP: false, path: "-"),
        ExternalHost(name: "api.sendgrid.com", ip: ipv4(167, 89, 123, 54), isHTTP: false, path: "-"),
        ExternalHost(name: "sqs.eu-west-1.amazonaws.com", ip: ipv4(52, 95, 120, 38), isHTTP: false, path: "-"),
        ExternalHost(name: "www.googleapis.com", ip: ipv4(142, 250, 185, 74), isHTTP: false, path: "-"),
        ExternalHost(name: "ipinfo.io", ip: ipv4(34, 117, 59, 81), isHTTP: true, path: "/json"),
        ExternalHost(name: "checkip.amazonaws.com", ip: ipv4(3, 219, 212, 117), isHTTP: true, path: "/"),
    ]
}
