/// A pod of the synthetic mesh (namespace `shop`), with its pod IP on one of four nodes
/// (10.244.N.0/24 per node).
struct Pod {
    let name: Text
    let ip: UInt32
    /// False for pods without an istio-proxy sidecar (their lines never appear).
    let hasSidecar: Bool
}

/// The pods, by index. Ranges below group the replicas of each workload.
enum MeshPods {
    static let all: [Pod] = [
        Pod(name: "frontend-6f7d9c8b54-2xkqp", ip: ipv4(10, 244, 1, 23), hasSidecar: true),
        Pod(name: "frontend-6f7d9c8b54-7hj4n", ip: ipv4(10, 244, 2, 17), hasSidecar: true),
        Pod(name: "frontend-6f7d9c8b54-m9vtr", ip: ipv4(10, 244, 3, 41), hasSidecar: true),
        Pod(name: "frontend-6f7d9c8b54-zc5wl", ip: ipv4(10, 244, 0, 36), hasSidecar: true),
        Pod(name: "orders-5c8f6d7b9-4kd8s", ip: ipv4(10, 244, 2, 31), hasSidecar: true),
        Pod(name: "orders-5c8f6d7b9-ntq2x", ip: ipv4(10, 244, 3, 12), hasSidecar: true),
        Pod(name: "orders-5c8f6d7b9-wp7fj", ip: ipv4(10, 244, 1, 45), hasSidecar: true),
        Pod(name: "payments-7b4c9f5d6-h8m2k", ip: ipv4(10, 244, 1, 52), hasSidecar: true),
        Pod(name: "payments-7b4c9f5d6-x5r9t", ip: ipv4(10, 244, 3, 27), hasSidecar: true),
        Pod(name: "catalog-84d6b7c9f-b6gqz", ip: ipv4(10, 244, 2, 44), hasSidecar: true),
        Pod(name: "catalog-84d6b7c9f-kl3vd", ip: ipv4(10, 244, 1, 19), hasSidecar: true),
        Pod(name: "catalog-84d6b7c9f-s2m8x", ip: ipv4(10, 244, 3, 58), hasSidecar: true),
        Pod(name: "reviews-v1-5d9c7b8f6-9pxwl", ip: ipv4(10, 244, 2, 62), hasSidecar: true),
        Pod(name: "reviews-v1-5d9c7b8f6-r4k2m", ip: ipv4(10, 244, 0, 48), hasSidecar: true),
        Pod(name: "reviews-v2-6b8d4c7f9-ft7jq", ip: ipv4(10, 244, 3, 33), hasSidecar: true),
        Pod(name: "reviews-v2-6b8d4c7f9-vb3nd", ip: ipv4(10, 244, 1, 61), hasSidecar: true),
        Pod(name: "redis-master-0", ip: ipv4(10, 244, 2, 9), hasSidecar: false),
        Pod(name: "postgres-0", ip: ipv4(10, 244, 3, 8), hasSidecar: false),
        Pod(name: "istio-ingressgateway-5d7f8c6b9-q2wxz", ip: ipv4(10, 244, 0, 12), hasSidecar: false),
    ]

    static let frontend = 0..<4
    static let orders = 4..<7
    static let payments = 7..<9
    static let catalog = 9..<12
    static let reviewsV1 = 12..<14
    static let reviewsV2 = 14..<16
    static let redis = 16
    static let postgres = 17
    static let ingressGateway = 18
    /// Pods whose sidecar logs (they also print the proxy's own log lines).
    static let withSidecar = 0..<16

    /// The container every line comes from.
    static let container: Text = "istio-proxy"
}
