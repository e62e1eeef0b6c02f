/// TCP connections and the flows only some scenarios add: traffic leaving the mesh, a dynamic
/// forward proxy, gRPC carried as opaque TCP, clients speaking broken HTTP.
extension TrafficGenerator {
    /// A pooled database connection closing (redis from frontend/orders, postgres from orders).
    mutating func appendDatabaseConnection(_ service: TCPService) {
        let clients = service.hostPod == MeshPods.redis ? MeshPods.frontend.lowerBound..<MeshPods.orders.upperBound
                                                        : MeshPods.orders
        let client = clients.lowerBound + rng.below(clients.count)
        var e = tcpEvent(client: client, durationMs: min(900_000, rng.logNormal(median: 45_000, sigma: 1.0, floor: 5)),
                         received: rng.size(2_000, 3_000_000), sent: rng.size(5_000, 8_000_000))
        e.upstreamHost = Endpoint(ip: MeshPods.all[service.hostPod].ip, port: service.port)
        e.upstreamCluster = service.cluster
        e.downstreamLocal = Endpoint(ip: service.clusterIP, port: service.port)
        e.serverName = service.serverName
        queue.append(.access(e))
    }

    /// The payments app's TLS connection to its payment provider (a ServiceEntry).
    mutating func appendStripeConnection() {
        let client = MeshPods.payments.lowerBound + rng.below(MeshPods.payments.count)
        let ip = MeshTCP.stripeIPs[rng.below(MeshTCP.stripeIPs.count)]
        var e = tcpEvent(client: client, durationMs: rng.logNormal(median: 30_000, sigma: 1.0, floor: 40),
                         received: rng.size(3_000, 80_000), sent: rng.size(6_000, 120_000))
        e.upstreamHost = Endpoint(ip: ip, port: 443)
        e.upstreamCluster = MeshTCP.stripeCluster
        e.downstreamLocal = Endpoint(ip: ip, port: 443)
        e.serverName = MeshTCP.stripeServerName
        queue.append(.access(e))
    }

    /// `protocol-not-detected`: a frontend pod's long-lived HTTP/2 connection to orders:50051, seen
    /// as opaque TCP by both sidecars — one host for the whole connection, minutes long, bytes both ways.
    mutating func appendOpaqueOrdersConnection() {
        let client = MeshPods.frontend.lowerBound + rng.below(MeshPods.frontend.count)
        let host = MeshPods.orders.lowerBound + rng.below(MeshPods.orders.count)
        let service = MeshServices.orders
        let duration = rng.logNormal(median: 240_000, sigma: 0.8, tail: 0, floor: 60_000)
        let received = rng.size(200_000, 40_000_000)
        let sent = rng.size(500_000, 120_000_000)
        let slot = rng.below(1000)
        let hostIP = MeshPods.all[host].ip
        let clientIP = MeshPods.all[client].ip

        var inbound = tcpEvent(client: host, durationMs: duration - 1, received: received, sent: sent)
        inbound.upstreamHost = Endpoint(ip: dialect.usesShortInboundClusters ? hostIP : dialect.inboundLocalIP,
                                        port: service.port)
        inbound.upstreamCluster = dialect.usesShortInboundClusters ? service.inboundClusterShort
                                                                   : service.inboundClusterLong
        inbound.upstreamLocal = Endpoint(ip: dialect.inboundLocalIP, port: connectionPort(host, client, slot, 3))
        inbound.downstreamLocal = Endpoint(ip: hostIP, port: service.port)
        inbound.downstreamRemote = Endpoint(ip: clientIP, port: connectionPort(client, host, slot, 1))
        inbound.serverName = service.inboundServerName
        queue.append(.access(inbound))

        var outbound = tcpEvent(client: client, durationMs: duration, received: received, sent: sent)
        outbound.writtenNs += 1_000_000
        outbound.upstreamHost = Endpoint(ip: hostIP, port: service.port)
        outbound.upstreamCluster = service.outboundCluster
        outbound.upstreamLocal = Endpoint(ip: clientIP, port: connectionPort(client, host, slot, 1))
        outbound.downstreamLocal = Endpoint(ip: service.clusterIP, port: service.port)
        queue.append(.access(outbound))
    }

    /// `passthrough-traffic` / `blackhole-traffic`: calls to hosts outside the mesh registry,
    /// allowed (`ALLOW_ANY` → PassthroughCluster) or blocked (`REGISTRY_ONLY` → BlackHoleCluster,
    /// or the `block_all` direct response for plain HTTP).
    mutating func appendExternalCall(blocked: Bool) {
        let client = rng.below(MeshPods.payments.upperBound)
        let clientIP = MeshPods.all[client].ip
        let external = MeshExternal.hosts[rng.below(MeshExternal.hosts.count)]
        if !external.isHTTP {
            let duration = blocked ? 0 : rng.logNormal(median: 900, sigma: 1.2, floor: 20)
            var e = tcpEvent(client: client, durationMs: duration,
                             received: blocked ? 0 : rng.size(600, 40_000), sent: blocked ? 0 : rng.size(3_000, 90_000))
            e.upstreamHost = blocked ? .none : Endpoint(ip: external.ip, port: 443)
            e.upstreamLocal = blocked ? .none : e.upstreamLocal
            e.upstreamCluster = blocked ? "BlackHoleCluster" : "PassthroughCluster"
            e.flags = blocked ? "UH" : "-"
            e.downstreamLocal = Endpoint(ip: external.ip, port: 443)
            e.serverName = external.name
            queue.append(.access(e))
            return
        }
        var e = AccessEvent()
        e.loggerPod = client
        e.writtenNs = writtenNs()
        e.method = "GET"
        e.pathHead = external.path
        e.protocolName = "HTTP/1.1"
        e.userAgent = "Go-http-client/1.1"
        e.hasRequestID = true
        e.requestIDHigh = rng.next()
        e.requestIDLow = rng.next()
        e.authority = external.name
        e.downstreamLocal = Endpoint(ip: external.ip, port: 80)
        e.downstreamRemote = Endpoint(ip: clientIP, port: rng.ephemeralPort())
        if blocked {
            e.code = 502
            e.details = "direct_response"
            e.routeName = "block_all"
            e.attempts = 0
        } else {
            e.code = 200
            e.details = "via_upstream"
            e.bytesSent = rng.size(250, 1200)
            e.upstreamServiceMs = rng.logNormal(median: 60, sigma: 0.6, floor: 5)
            e.durationMs = e.upstreamServiceMs + rng.range(0, 2)
            e.upstreamHost = Endpoint(ip: external.ip, port: 80)
            e.upstreamCluster = "PassthroughCluster"
            e.upstreamLocal = Endpoint(ip: clientIP, port: rng.ephemeralPort())
            e.routeName = "allow_any"
        }
        e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
        queue.append(.access(e))
    }

    /// `dns-failure`: frontend calls partner APIs through an EnvoyFilter dynamic forward proxy;
    /// one of the names does not resolve.
    mutating func appendShippingProxyCall() {
        let client = MeshPods.frontend.lowerBound + rng.below(MeshPods.frontend.count)
        let clientIP = MeshPods.all[client].ip
        let failing = rng.chance(0.6)
        var e = AccessEvent()
        e.loggerPod = client
        e.writtenNs = writtenNs()
        e.method = "GET"
        e.pathHead = "/v2/rates?zip="
        e.pathNumber = rng.range(10001, 99950)
        e.protocolName = "HTTP/1.1"
        e.code = 200
        e.details = "via_upstream"
        e.userAgent = "Go-http-client/1.1"
        e.hasRequestID = true
        e.requestIDHigh = rng.next()
        e.requestIDLow = rng.next()
        e.authority = failing ? "api.shipping-partner.example" : "rates.carrier-hub.example"
        e.upstreamCluster = "dynamic_forward_proxy_cluster"
        e.downstreamLocal = Endpoint(ip: failing ? ipv4(240, 240, 0, 12) : ipv4(240, 240, 0, 13), port: 80)
        e.downstreamRemote = Endpoint(ip: clientIP, port: rng.ephemeralPort())
        e.routeName = "shipping-egress"
        e.bytesSent = rng.size(300, 900)
        e.upstreamServiceMs = rng.logNormal(median: 120, sigma: 0.5, floor: 10)
        e.durationMs = e.upstreamServiceMs + rng.range(0, 2)
        e.upstreamHost = Endpoint(ip: ipv4(198, 51, 100, 44), port: 80)
        e.upstreamLocal = Endpoint(ip: clientIP, port: rng.ephemeralPort())
        if failing { EnvoyFailure.dnsFailure.apply(to: &e, grpc: false, dialect: dialect, rng: &rng) }
        e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
        queue.append(.access(e))
    }

    /// `protocol-error`: a client outside the mesh sends bytes the HTTP/1 codec rejects to catalog.
    mutating func appendMalformedRequest() {
        let host = MeshPods.catalog.lowerBound + rng.below(MeshPods.catalog.count)
        var e = AccessEvent()
        e.loggerPod = host
        e.writtenNs = writtenNs()
        e.startMs = e.writtenNs / 1_000_000
        e.protocolName = "HTTP/1.1"
        e.code = 400
        e.flags = "DPE"
        e.details = "http1.codec_error"
        e.bytesReceived = rng.size(40, 600)
        e.bytesSent = 11 // "Bad Request"
        e.downstreamLocal = Endpoint(ip: MeshPods.all[host].ip, port: 8080)
        e.downstreamRemote = Endpoint(ip: ipv4(10, 244, 2, 77), port: rng.ephemeralPort())
        e.attempts = 0
        queue.append(.access(e))
    }

    /// A TCP proxy record written now by `client`'s sidecar.
    private mutating func tcpEvent(client: Int, durationMs: Int, received: Int, sent: Int) -> AccessEvent {
        var e = AccessEvent()
        e.isTCP = true
        e.loggerPod = client
        e.writtenNs = writtenNs()
        e.durationMs = durationMs
        e.startMs = e.writtenNs / 1_000_000 - Int64(durationMs)
        e.bytesReceived = received
        e.bytesSent = sent
        let ip = MeshPods.all[client].ip
        e.upstreamLocal = Endpoint(ip: ip, port: rng.ephemeralPort())
        e.downstreamRemote = Endpoint(ip: ip, port: rng.ephemeralPort())
        return e
    }
}
