/// Background requests: who calls whom, with what, and the rare failures of a healthy mesh.
extension TrafficGenerator {
    mutating func makeCall(_ target: Target) -> Call {
        let service = MeshServices.info(target)
        let operations = MeshOperations.operations(target)
        let opIndex = rng.pick(operationWeights[target.rawValue], total: operationTotals[target.rawValue])
        let op = operations[opIndex]
        var call = Call(
            target: target, service: service, client: pickClient(target),
            host: service.pods.lowerBound + rng.below(service.pods.count), opIndex: opIndex,
            pathNumber: op.numberLo >= 0 ? rng.range(op.numberLo, op.numberHi) : -1,
            serverMs: rng.logNormal(median: op.medianMs, sigma: op.sigma),
            requestBytes: rng.size(op.requestBytes.0, op.requestBytes.1),
            responseBytes: rng.size(op.responseBytes.0, op.responseBytes.1),
            appCode: op.successCode, appGrpcStatus: service.isGRPC ? 0 : -1,
            route: service.route, userAgent: service.userAgent,
            connectionSlot: service.isGRPC ? 0 : rng.below(6))
        if target == .frontend {
            call.userAgent = MeshOperations.browserAgents[rng.below(MeshOperations.browserAgents.count)]
            call.forwardedFor = rng.chance(0.5) ? ipv4(203, 0, 113, UInt32(rng.range(2, 254)))
                                                : ipv4(198, 51, 100, UInt32(rng.range(2, 254)))
            if rng.chance(0.08) { call.forwardedFor2 = ipv4(192, 0, 2, UInt32(rng.range(2, 254))) }
            call.connectionSlot = rng.below(64)
        }
        addBackgroundNoise(to: &call)
        applyScenario(to: &call)
        return call
    }

    /// The calling pod: frontend pods call orders, catalog and reviews; orders pods call payments;
    /// the ingress gateway calls frontend.
    mutating func pickClient(_ target: Target) -> Int {
        switch target {
        case .orders, .catalog, .reviewsV1, .reviewsV2:
            MeshPods.frontend.lowerBound + rng.below(MeshPods.frontend.count)
        case .payments: MeshPods.orders.lowerBound + rng.below(MeshPods.orders.count)
        case .frontend: MeshPods.ingressGateway
        }
    }

    /// A trace of everything a healthy mesh shows: app 404s, declined payments, a few client
    /// cancellations, the odd keep-alive race or overflow — all far below any alert threshold.
    mutating func addBackgroundNoise(to call: inout Call) {
        let u = rng.unit()
        if u < 0.0004 {
            let after = max(1, call.serverMs / 2)
            call.failure = .downstreamDisconnect(afterMs: after + 1)
            call.serverSide = .cancelled(afterMs: after)
            return
        }
        switch call.target {
        case .orders:
            if u < 0.00045 {
                call.failure = .overflow
                call.serverSide = .none
            } else if call.opIndex == MeshOperations.getOrder, u < 0.0085 {
                call.appGrpcStatus = 5
                call.responseBytes = 0
            } else if call.opIndex == MeshOperations.placeOrder, u < 0.0025 {
                call.appGrpcStatus = 3
                call.responseBytes = 0
            } else if call.opIndex == MeshOperations.getOrder, u > 0.999 {
                call.attempts = 2
                call.serverMs += rng.range(25, 60)
            }
        case .payments:
            if call.opIndex == MeshOperations.authorize, u < 0.005 {
                call.appGrpcStatus = 9
                call.responseBytes = 0
            }
        case .catalog:
            if u < 0.0006 {
                call.failure = .connectionTermination
                call.serverSide = .none
            } else if u < 0.0007 {
                call.failure = .connectRefusedRetried
                call.serverSide = .none
            } else if u < 0.0008 {
                call.failure = .responseTimeout(ms: 3000)
                call.serverSide = .none
            } else if u < 0.0011 {
                call.appCode = 500
                call.responseBytes = 52
            } else if call.opIndex == 0, u < 0.0071 {
                call.appCode = 404
                call.responseBytes = 38
            }
        case .reviewsV1, .reviewsV2:
            if u < 0.0024 {
                call.appCode = 404
                call.responseBytes = 27
            }
        case .frontend:
            if u < 0.01 {
                // Internet scanners probing the shop.
                call.opIndex = MeshOperations.scannerProbes[rng.below(MeshOperations.scannerProbes.count)]
                call.pathNumber = -1
                call.userAgent = MeshOperations.scannerAgent
                call.appCode = 404
                call.responseBytes = 9
                call.serverMs = rng.range(1, 3)
            }
        }
    }
}
