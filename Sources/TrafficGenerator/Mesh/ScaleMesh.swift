/// The names and addresses of a large generated mesh (`ScaleOptions`), made once so that writing a
/// line copies precomputed bytes: cluster names and authorities, client pod names and IPs, which
/// pods call which cluster and which pods are pinned. Upstream host addresses are arithmetic (no
/// table). In the adversarial mode (`uniqueKeys`) nothing is precomputed: every line's names are
/// written into `lineNames`, reset before each line.
final class ScaleMesh {
    /// One upstream cluster (a Kubernetes Service port).
    struct Cluster {
        /// `outbound|50051||svc-N.ns.svc.cluster.local`
        let name: Text
        /// `svc-N.ns:50051`
        let authority: Text
        let clusterIP: UInt32
        let port: UInt16
        let isGRPC: Bool
        /// Median server time of the cluster's requests, in milliseconds.
        let medianMs: Double
    }

    let options: ScaleOptions
    let clusters: [Cluster]
    let podNames: [Text]
    let podIPs: [UInt32]
    /// Per client pod: sends each cluster's traffic to one host.
    let pinned: [Bool]
    /// The client pods of each deployment (contiguous, non-empty).
    let deploymentPods: [Range<Int>]
    /// Per-line names of the adversarial mode.
    let lineNames = TextArena(chunkSize: 4096)
    /// Mixed into the pinned host choice so that it changes with the seed.
    private let pinSalt: Int
    /// Storage of the precomputed names.
    private let names: TextArena

    init(options: ScaleOptions, seed: UInt64) {
        let names = TextArena()
        self.names = names
        self.options = options
        pinSalt = Int(truncatingIfNeeded: seed & 0xFFFF_FFFF)
        guard !options.uniqueKeys else {
            clusters = []; podNames = []; podIPs = []; pinned = []; deploymentPods = []
            return
        }
        clusters = (0..<options.clusters).map { n in
            let grpc = ScaleMesh.isGRPC(n)
            return Cluster(name: names.make { ScaleMesh.writeClusterName(n, grpc: grpc, into: &$0) },
                           authority: names.make { ScaleMesh.writeAuthority(n, grpc: grpc, into: &$0) },
                           clusterIP: ScaleMesh.clusterIP(n), port: ScaleMesh.port(grpc: grpc), isGRPC: grpc,
                           medianMs: Double(3 + n * 7 % 60))
        }
        let pods = options.clientPods, deployments = options.deployments
        deploymentPods = (0..<deployments).map { d in (d * pods / deployments)..<((d + 1) * pods / deployments) }
        var podNames: [Text] = []
        podNames.reserveCapacity(pods)
        for (d, range) in deploymentPods.enumerated() {
            for p in range { podNames.append(names.make { ScaleMesh.writePodName(deployment: d, pod: p, into: &$0) }) }
        }
        self.podNames = podNames
        podIPs = (0..<pods).map { ScaleMesh.address(ScaleMesh.clientBase, $0).ip }
        // Exactly `pinnedPods` pods, chosen by a seeded shuffle.
        var order = Array(0..<pods)
        var random = RandomSource(seed: seed ^ 0x5049_4E4E_4544)
        for i in stride(from: pods - 1, to: 0, by: -1) { order.swapAt(i, random.below(i + 1)) }
        var pinned = [Bool](repeating: false, count: pods)
        for p in order.prefix(options.pinnedPods) { pinned[p] = true }
        self.pinned = pinned
    }

    /// The client pods that call cluster `n`.
    @inline(__always)
    func callers(of n: Int) -> Range<Int> { deploymentPods[n % deploymentPods.count] }

    /// The host a pinned pod sends all of cluster `n`'s traffic to.
    @inline(__always)
    func pinnedHost(pod: Int, cluster n: Int) -> Int {
        Int(RandomSource.mix(pod, n, pinSalt) % UInt64(options.hostsPerCluster))
    }

    /// Host `h` of cluster `n`.
    @inline(__always)
    func host(_ h: Int, of n: Int) -> Endpoint {
        ScaleMesh.address(ScaleMesh.hostBase, n * options.hostsPerCluster + h, port: clusters[n].port)
    }

    // MARK: - Names and addresses (shared with the adversarial mode)

    static func isGRPC(_ n: Int) -> Bool { n % 2 == 0 }
    static func port(grpc: Bool) -> UInt16 { grpc ? 50051 : 8080 }

    static func writeClusterName(_ n: Int, grpc: Bool, into w: inout LineWriter) {
        w.text(grpc ? "outbound|50051||svc-" : "outbound|8080||svc-")
        w.decimal(n)
        w.text(".ns.svc.cluster.local")
    }

    static func writeAuthority(_ n: Int, grpc: Bool, into w: inout LineWriter) {
        w.text("svc-")
        w.decimal(n)
        w.text(grpc ? ".ns:50051" : ".ns:8080")
    }

    /// Base names of client deployments; past ten, `frontend-1`, `checkout-1`, ….
    static let deploymentNames: [Text] = [
        "frontend", "checkout", "api-gateway", "recommendations", "cart", "search", "accounts", "shipping",
        "inventory", "notifications",
    ]
    /// The characters Kubernetes uses in generated name suffixes (no vowels, no 0/1/3).
    static let suffixAlphabet: Text = "bcdfghjklmnpqrstvwxz2456789"
    /// Distinct five-character suffixes (27⁵).
    static let suffixCount = 14_348_907

    /// `DEPLOYMENT-RSHASH-SUFFIX`, e.g. `frontend-6f7d9c8b54-x2kqp`: unique for `pod < suffixCount`
    /// (the suffix is a bijection of the pod index), and beyond through the replica-set hash.
    static func writePodName(deployment d: Int, pod: Int, into w: inout LineWriter) {
        w.text(deploymentNames[d % deploymentNames.count])
        if d >= deploymentNames.count {
            w.byte(UInt8(ascii: "-"))
            w.decimal(d / deploymentNames.count)
        }
        w.byte(UInt8(ascii: "-"))
        let alphabet = suffixAlphabet.start
        var hash = RandomSource.mix(d, pod / suffixCount, 0x7273)
        for _ in 0..<10 {
            w.byte(alphabet[Int(hash % 27)])
            hash /= 27
        }
        w.byte(UInt8(ascii: "-"))
        // Multiplying by a number prime to 27⁵ permutes 0..<27⁵: distinct pods, distinct suffixes.
        var v = ((pod % suffixCount) &* 1_234_567 &+ 8_675_309) % suffixCount
        for _ in 0..<5 {
            w.byte(alphabet[v % 27])
            v /= 27
        }
    }

    /// Service IPs from 10.96.0.10.
    static func clusterIP(_ n: Int) -> UInt32 { ipv4(10, 96, 0, 10) &+ UInt32(truncatingIfNeeded: n & 0xF_FFFF) }

    /// Pod IP ranges: client pods from 10.32.0.1, upstream hosts from 10.64.0.1.
    static let clientBase: UInt32 = 32, hostBase: UInt32 = 64
    /// Addresses per range: 32 × 256 × 254 (no `.0` or `.255`).
    static let addressesPerRange = 32 * 256 * 254

    /// The `index`-th pod IP of a range, and `port` (raised by one each time the range wraps, so
    /// endpoints stay distinct for any index).
    static func address(_ base: UInt32, _ index: Int, port: UInt16 = 0) -> Endpoint {
        let i = index % addressesPerRange, q = i / 254
        let ip = ipv4(10, base + UInt32(q >> 8), UInt32(q & 0xFF), UInt32(1 + i % 254))
        return Endpoint(ip: ip, port: port &+ UInt16(truncatingIfNeeded: index / addressesPerRange))
    }
}
