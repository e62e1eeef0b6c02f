#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The traffic of a large mesh (`GeneratorOptions.scale`): one client-side access line per request,
/// from a client pod to a host of an upstream cluster (see `ScaleOptions` for the shape).
extension TrafficGenerator {
    /// What a scale-mode request needs to know about its upstream, whichever mode built it.
    private struct ScaleTarget {
        var cluster: Text
        var authority: Text
        var clusterIP: UInt32
        var port: UInt16
        var isGRPC: Bool
        var medianMs: Double
        var userAgent: Text
        /// Stable keys of the pooled connection's two ends (for its local ports).
        var clusterKey: Int
        var hostKey: Int
    }

    /// Adds one request line to the queue and advances the clock (Poisson arrivals).
    mutating func produceScaleGroup(_ mesh: ScaleMesh) {
        let e = mesh.options.uniqueKeys ? uniqueKeysEvent(mesh) : scaleEvent(mesh)
        queue.append(.access(e))
        let meanGapUs = 1_000_000 / Double(max(1, options.requestsPerSecond))
        clockUs += Int64(meanGapUs * -log(1 - rng.unit()))
    }

    /// A request to a uniformly chosen cluster from one of its calling pods, balanced per request
    /// over the cluster's hosts unless the pod is pinned.
    private mutating func scaleEvent(_ mesh: ScaleMesh) -> AccessEvent {
        let n = rng.below(mesh.clusters.count)
        let cluster = mesh.clusters[n]
        let callers = mesh.callers(of: n)
        let pod = callers.lowerBound + rng.below(callers.count)
        let h = mesh.pinned[pod] ? mesh.pinnedHost(pod: pod, cluster: n) : rng.below(mesh.options.hostsPerCluster)
        let target = ScaleTarget(
            cluster: cluster.name, authority: cluster.authority, clusterIP: cluster.clusterIP, port: cluster.port,
            isGRPC: cluster.isGRPC, medianMs: cluster.medianMs,
            userAgent: cluster.isGRPC ? MeshServices.orders.userAgent : MeshServices.catalog.userAgent,
            clusterKey: n, hostKey: n * mesh.options.hostsPerCluster + h)
        var e = AccessEvent()
        e.loggerName = mesh.podNames[pod]
        let post = cluster.isGRPC || rng.chance(0.2)
        e.method = post ? "POST" : "GET"
        if cluster.isGRPC {
            e.pathHead = "/ns.svc"; e.pathNumber = n
            e.pathTail = rng.chance(0.6) ? ".v1.Api/Get" : ".v1.Api/List"
        } else if post {
            e.pathHead = "/api/v1/items"
        } else {
            e.pathHead = "/api/v1/items/"; e.pathNumber = rng.range(10000, 99999)
        }
        fillScaleRequest(&e, target, post: post, pod: pod, clientIP: mesh.podIPs[pod], host: mesh.host(h, of: n))
        return e
    }

    /// Line `linesWritten` of the adversarial input: every key new (`N` = the line's index).
    /// gRPC lines (even N) call `/ns.svcN.v1.Api/Get`, HTTP lines `GET /api/v1/svcN/items`.
    private mutating func uniqueKeysEvent(_ mesh: ScaleMesh) -> AccessEvent {
        let n = linesWritten
        let grpc = ScaleMesh.isGRPC(n)
        let names = mesh.lineNames
        names.reset()
        let target = ScaleTarget(
            cluster: names.make { ScaleMesh.writeClusterName(n, grpc: grpc, into: &$0) },
            authority: names.make { ScaleMesh.writeAuthority(n, grpc: grpc, into: &$0) },
            clusterIP: ScaleMesh.clusterIP(n), port: ScaleMesh.port(grpc: grpc), isGRPC: grpc,
            medianMs: Double(3 + n % 60),
            userAgent: names.make { w in
                w.text("app-")
                w.decimal(n)
                w.text(grpc ? "/1.0 grpc-go/1.62.1" : "/1.0 Go-http-client/1.1")
            },
            clusterKey: n, hostKey: n)
        var e = AccessEvent()
        e.loggerName = names.make {
            ScaleMesh.writePodName(deployment: n / ScaleMesh.suffixCount, pod: n, into: &$0)
        }
        e.method = grpc ? "POST" : "GET"
        e.pathHead = grpc ? "/ns.svc" : "/api/v1/svc"
        e.pathNumber = n
        e.pathTail = grpc ? ".v1.Api/Get" : "/items"
        let client = ScaleMesh.address(ScaleMesh.clientBase, n)
        let host = ScaleMesh.address(ScaleMesh.hostBase, n, port: target.port)
        fillScaleRequest(&e, target, post: grpc, pod: n, clientIP: client.ip, host: host)
        return e
    }

    /// Everything but the request line and the pod: a healthy client-side record, with a trace
    /// (≈0.1 %) of `UC` connection terminations.
    private mutating func fillScaleRequest(_ e: inout AccessEvent, _ t: ScaleTarget, post: Bool, pod: Int,
                                           clientIP: UInt32, host: Endpoint) {
        e.writtenNs = writtenNs()
        e.protocolName = t.isGRPC ? "HTTP/2" : "HTTP/1.1"
        e.code = t.isGRPC || !post ? 200 : 201
        e.details = "via_upstream"
        e.bytesReceived = post ? rng.size(40, 900) : 0
        e.bytesSent = rng.size(60, 4000)
        e.upstreamServiceMs = rng.logNormal(median: t.medianMs, sigma: 0.5) + 1
        e.durationMs = e.upstreamServiceMs + Int(clockUs & 1)
        e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
        e.userAgent = t.userAgent
        e.hasRequestID = true
        e.requestIDHigh = rng.next()
        e.requestIDLow = rng.next()
        e.authority = t.authority
        e.upstreamHost = host
        e.upstreamCluster = t.cluster
        let slot = t.isGRPC ? 0 : rng.below(4)
        e.upstreamLocal = Endpoint(ip: clientIP, port: connectionPort(pod, t.hostKey, slot, 1))
        e.downstreamLocal = Endpoint(ip: t.clusterIP, port: t.port)
        e.downstreamRemote = Endpoint(ip: clientIP, port: connectionPort(pod, t.clusterKey, slot, 2))
        e.routeName = "default"
        e.grpcStatus = t.isGRPC ? 0 : -1
        if rng.chance(0.001) {
            EnvoyFailure.connectionTermination.apply(to: &e, grpc: t.isGRPC, dialect: dialect, rng: &rng)
            e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
        }
    }
}
