/// Turning a call into the lines both sidecars write: the server's inbound line first (it finishes
/// first), then the client's outbound line.
extension TrafficGenerator {
    mutating func appendCall(_ call: Call) {
        let requestID = (rng.next(), rng.next())
        if call.target == .frontend {
            // Only the frontend's own sidecar is in the log (the gateway's is not).
            var e = inboundEvent(call, requestID: requestID, host: call.host, writtenUs: 0)
            if let failure = call.failure {
                failure.apply(to: &e, grpc: false, dialect: dialect, rng: &rng)
                e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
            }
            queue.append(.access(e))
            return
        }
        appendServerSide(call, requestID: requestID)
        var e = outboundEvent(call, requestID: requestID)
        if let failure = call.failure {
            failure.apply(to: &e, grpc: call.isGRPC, dialect: dialect, rng: &rng)
            e.durationMs += call.delayMs
            e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
        }
        queue.append(.access(e))
    }

    private mutating func appendServerSide(_ call: Call, requestID: (UInt64, UInt64)) {
        switch call.serverSide {
        case .none:
            return
        case .normal:
            // Retries that ended in 503 reached a different host on each attempt.
            let retriedFailure = call.attempts > 1 && call.appCode >= 500
            let count = retriedFailure ? call.attempts : 1
            for attempt in 0..<count {
                let pods = call.service.pods
                let host = attempt == count - 1
                    ? call.host : pods.lowerBound + (call.host - pods.lowerBound + count - 1 - attempt) % pods.count
                let offset = -Int64(count - 1 - attempt) * Int64(call.serverMs / max(1, call.attempts) + 30) * 1000
                queue.append(.access(inboundEvent(call, requestID: requestID, host: host, writtenUs: offset)))
            }
        case .rateLimited:
            var e = inboundEvent(call, requestID: requestID, host: call.host, writtenUs: 0)
            localReject(&e, code: 429, flags: "RL", details: "local_rate_limited", body: "local_rate_limited")
            queue.append(.access(e))
        case .rbacDenied:
            var e = inboundEvent(call, requestID: requestID, host: call.host, writtenUs: 0)
            localReject(&e, code: 403, flags: "-",
                        details: "rbac_access_denied_matched_policy[ns[shop]-policy[deny-frontend]-rule[0]]",
                        body: "RBAC: access denied")
            queue.append(.access(e))
        case .cancelled(let afterMs):
            var e = inboundEvent(call, requestID: requestID, host: call.host, writtenUs: 0)
            e.code = 0
            e.flags = call.isGRPC ? dialect.serverSideCancelFlag : "DC"
            e.details = call.isGRPC ? dialect.serverSideCancelDetails : "downstream_remote_disconnect"
            e.bytesSent = 0
            e.durationMs = afterMs
            e.upstreamServiceMs = -1
            e.grpcStatus = -1
            e.startMs = e.writtenNs / 1_000_000 - Int64(afterMs)
            queue.append(.access(e))
        }
    }

    /// The server sidecar answered itself before the app saw the request.
    private func localReject(_ e: inout AccessEvent, code: Int, flags: Text, details: Text, body: Text) {
        e.code = code
        e.flags = flags
        e.details = details
        e.bytesSent = body.count
        e.durationMs = 0
        e.upstreamServiceMs = -1
        e.upstreamHost = .none
        e.upstreamLocal = .none
        e.startMs = e.writtenNs / 1_000_000
    }

    /// The client sidecar's line (`outbound|…` cluster).
    func outboundEvent(_ call: Call, requestID: (UInt64, UInt64)) -> AccessEvent {
        let service = call.service
        let op = MeshOperations.operations(call.target)[call.opIndex]
        let clientIP = MeshPods.all[call.client].ip
        var e = requestEvent(call, op: op, requestID: requestID)
        e.loggerPod = call.client
        e.writtenNs = writtenNs(plusUs: 1500)
        let upstreamMs = outboundUpstreamMs(call)
        e.upstreamServiceMs = upstreamMs
        e.durationMs = upstreamMs + call.delayMs + Int(clockUs & 1) + call.responseBytes / 2_000_000
        e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
        e.upstreamHost = Endpoint(ip: MeshPods.all[call.host].ip, port: service.port)
        e.upstreamCluster = service.outboundCluster
        e.upstreamLocal = Endpoint(ip: clientIP, port: connectionPort(call.client, call.host, call.connectionSlot, 1))
        e.downstreamLocal = Endpoint(ip: service.clusterIP, port: service.port)
        e.downstreamRemote = Endpoint(
            ip: clientIP, port: connectionPort(call.client, call.target.rawValue, call.connectionSlot, 2))
        e.routeName = call.route
        e.attempts = call.attempts
        if call.delayMs > 0 { e.flags = "DI" }
        if call.attempts > 1 && (call.appCode == 503 || call.appGrpcStatus == 14) { e.flags = "URX" }
        return e
    }

    /// The server sidecar's line (`inbound|…` cluster) for the attempt that reached `host`.
    func inboundEvent(_ call: Call, requestID: (UInt64, UInt64), host: Int, writtenUs: Int64) -> AccessEvent {
        let service = call.service
        let op = MeshOperations.operations(call.target)[call.opIndex]
        let hostIP = MeshPods.all[host].ip
        var e = requestEvent(call, op: op, requestID: requestID)
        e.loggerPod = host
        e.writtenNs = writtenNs(plusUs: writtenUs)
        let attemptMs = call.attempts > 1 ? max(1, call.serverMs / call.attempts) : call.serverMs
        e.durationMs = attemptMs
        e.upstreamServiceMs = max(0, attemptMs - Int(clockUs >> 3 & 1))
        e.startMs = e.writtenNs / 1_000_000 - Int64(e.durationMs)
        let localIP = dialect.inboundLocalIP
        e.upstreamHost = Endpoint(ip: dialect.usesShortInboundClusters ? hostIP : localIP, port: service.port)
        e.upstreamCluster = dialect.usesShortInboundClusters ? service.inboundClusterShort : service.inboundClusterLong
        e.upstreamLocal = Endpoint(ip: localIP, port: connectionPort(host, call.client, call.connectionSlot, 3))
        e.downstreamLocal = Endpoint(ip: hostIP, port: service.port)
        e.downstreamRemote = Endpoint(ip: MeshPods.all[call.client].ip,
                                      port: connectionPort(call.client, host, call.connectionSlot, 1))
        e.serverName = service.inboundServerName
        e.routeName = "default"
        return e
    }

    /// The fields both sides share: request line, status, sizes, headers.
    private func requestEvent(_ call: Call, op: Operation, requestID: (UInt64, UInt64)) -> AccessEvent {
        var e = AccessEvent()
        e.method = op.method
        e.pathHead = op.pathHead
        e.pathNumber = call.pathNumber
        e.pathTail = op.pathTail
        e.protocolName = call.isGRPC ? "HTTP/2" : "HTTP/1.1"
        e.code = call.isGRPC ? 200 : call.appCode
        e.details = "via_upstream"
        e.bytesReceived = call.requestBytes
        e.bytesSent = call.responseBytes
        e.forwardedFor = call.forwardedFor
        e.forwardedFor2 = call.forwardedFor2
        e.userAgent = call.userAgent
        e.hasRequestID = true
        e.requestIDHigh = requestID.0
        e.requestIDLow = requestID.1
        e.authority = call.service.authority
        e.grpcStatus = call.isGRPC ? call.appGrpcStatus : -1
        return e
    }

    /// `x-envoy-upstream-service-time` seen by the client: the server's time plus its sidecar.
    private func outboundUpstreamMs(_ call: Call) -> Int {
        call.serverMs + Int(clockUs >> 5 & 1)
    }

    /// A stable ephemeral port for a pooled connection between two parties.
    func connectionPort(_ a: Int, _ b: Int, _ slot: Int, _ salt: Int) -> UInt16 {
        UInt16(32768 + Int(RandomSource.mix(a, b, slot &* 8 &+ salt) % 28232))
    }
}
