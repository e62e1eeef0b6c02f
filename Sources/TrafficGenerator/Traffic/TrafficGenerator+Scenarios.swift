/// Each scenario's signature, mixed into the background requests it concerns.
/// (Scenarios that add their own flows — passthrough, blackhole, DNS, opaque TCP, malformed
/// clients — are in `TrafficGenerator+EdgeFlows.swift`.)
extension TrafficGenerator {
    /// Frontend pods' shares of the orders calls when connections are pinned, and the orders host
    /// each one is stuck to: host 0 gets ≈65 %, host 1 ≈20 %, host 2 ≈15 %.
    static let pinnedClientWeights = [35, 30, 20, 15]
    static let pinnedHostOfClient = [0, 0, 1, 2]

    /// The catalog host that fails (`failing-upstream-host`) or is slow (`slow-upstream-host`).
    static let troubledCatalogHost = MeshPods.catalog.lowerBound + 1
    static let slowCatalogHost = MeshPods.catalog.lowerBound + 2
    /// The frontend pod whose proxy is overloaded.
    static let overloadedFrontendPod = MeshPods.frontend.lowerBound + 2

    // The switch is long because it is the table of scenarios; each case is a few lines.
    mutating func applyScenario(to call: inout Call) {
        let target = call.target
        let scenario = options.scenario
        switch scenario {
        case .healthy, .protocolNotDetected, .passthroughTraffic, .blackholeTraffic, .dnsFailure:
            break
        case .connectionPinning:
            guard target == .orders else { break }
            let index = rng.pick(TrafficGenerator.pinnedClientWeights, total: 100)
            call.client = MeshPods.frontend.lowerBound + index
            call.host = MeshPods.orders.lowerBound + TrafficGenerator.pinnedHostOfClient[index]
        case .circuitBreakerOverflow:
            if target == .orders {
                call.serverMs = call.serverMs * 2 + rng.range(0, 20)
                if rng.chance(0.12) { fail(&call, .overflow) }
            } else if target == .catalog, rng.chance(0.02) {
                fail(&call, .overflow)
            }
        case .upstreamTimeout:
            guard target == .catalog else { break }
            call.serverMs = call.serverMs * 3
            if rng.chance(0.09) {
                fail(&call, rng.chance(0.75) ? .responseTimeout(ms: 3000) : .perTryTimeout(ms: 1000, attempts: 2))
            }
        case .upstreamReset:
            guard target == .payments, rng.chance(0.07) else { break }
            fail(&call, rng.chance(0.7) ? .remoteReset(afterMs: max(1, call.serverMs / 2)) : .refusedStream)
        case .upstreamConnectionTermination:
            if target == .catalog, rng.chance(0.05) { fail(&call, .connectionTermination) }
        case .upstreamConnectFailure:
            guard target == .catalog, rng.chance(0.07) else { break }
            fail(&call, rng.chance(0.75) ? .connectRefused : .connectRefusedRetried)
        case .tlsHandshakeFailure:
            guard target == .reviewsV1 else { break }
            fail(&call, rng.chance(0.8) ? .tlsVerifyFailed : .tlsVerifyFailedRetried)
        case .noHealthyUpstream:
            guard target == .payments else { break }
            let position = Double(linesWritten) / Double(max(1, options.lines))
            if position >= 0.3 && position < 0.7 { fail(&call, .noHealthyUpstream) }
        case .noRoute:
            guard target == .catalog, rng.chance(0.10) else { break }
            call.opIndex = MeshOperations.catalogV2
            call.pathNumber = rng.range(10000, 99999)
            fail(&call, .noRoute)
        case .clusterNotFound:
            guard target == .reviewsV1 else { break }
            call.route = "reviews-canary"
            if rng.chance(0.2) { fail(&call, .clusterNotFound) }
        case .retriesExhausted:
            guard target == .catalog, rng.chance(0.07) else { break }
            call.attempts = 3
            call.appCode = 503
            call.responseBytes = 31
            call.serverMs += rng.range(25, 80)
        case .clientCancelled:
            guard target == .orders else { break }
            call.serverMs = call.serverMs * 6 + rng.range(0, 40)
            if rng.chance(0.09) {
                let deadline = 1000 + rng.range(0, 3)
                call.failure = .downstreamDisconnect(afterMs: deadline)
                call.serverSide = .cancelled(afterMs: deadline - 1)
            }
        case .localReset:
            if target == .payments, rng.chance(0.06) {
                fail(&call, .localReset(afterMs: max(1, call.serverMs / 3)))
            }
        case .rateLimited:
            guard target == .catalog, rng.chance(0.12) else { break }
            // The catalog sidecar answers 429 itself; the client sees it as the upstream's reply.
            call.serverSide = .rateLimited
            call.appCode = 429
            call.responseBytes = 18
            call.serverMs = 0
        case .accessDenied:
            if target == .reviewsV1 {
                call.serverSide = .rbacDenied
            } else if target == .frontend, rng.chance(0.03) {
                fail(&call, .extAuthzDenied)
            }
        case .faultInjection:
            guard target == .catalog else { break }
            let u = rng.unit()
            if u < 0.08 {
                fail(&call, .faultAbort)
            } else if u < 0.13 {
                call.failure = nil
                call.delayMs = 2000
            }
        case .protocolError:
            if target == .catalog, rng.chance(0.08) { fail(&call, .upstreamProtocolError) }
        case .streamIdleTimeout:
            guard target == .orders, rng.chance(0.06) else { break }
            call.opIndex = MeshOperations.watchOrders
            call.requestBytes = rng.range(40, 60)
            fail(&call, .streamIdleTimeout(ms: 300_000))
        case .maxStreamDuration:
            guard target == .catalog, rng.chance(0.06) else { break }
            call.opIndex = MeshOperations.catalogExport
            call.pathNumber = -1
            fail(&call, .maxStreamDuration(ms: 30_000))
        case .overloadManager:
            let pod = target == .frontend ? call.host : call.client
            if pod == TrafficGenerator.overloadedFrontendPod, rng.chance(0.35) { fail(&call, .overload) }
        case .failingUpstreamHost:
            guard target == .catalog, call.host == TrafficGenerator.troubledCatalogHost, call.failure == nil,
                  rng.chance(0.45) else { break }
            call.appCode = rng.chance(0.8) ? 503 : 500
            call.responseBytes = call.appCode == 503 ? 31 : 52
            call.serverMs = rng.range(1, 6)
        case .slowUpstreamHost:
            guard target == .catalog, call.host == TrafficGenerator.slowCatalogHost else { break }
            let op = MeshOperations.catalog[call.opIndex]
            call.serverMs = rng.logNormal(median: op.medianMs * 5, sigma: 1.3, tail: 0.01)
        case .grpcErrors:
            guard target == .orders, call.opIndex == MeshOperations.placeOrder, call.failure == nil,
                  rng.chance(0.18) else { break }
            let u = rng.unit()
            call.appGrpcStatus = u < 0.5 ? 13 : (u < 0.8 ? 14 : 9)
            call.responseBytes = 0
            call.serverMs = max(1, call.serverMs / 3)
        case .grpcStatusNotLogged:
            guard target == .orders, call.opIndex == MeshOperations.placeOrder, call.failure == nil,
                  rng.chance(0.10) else { break }
            call.appGrpcStatus = 13
            call.responseBytes = 0
            call.serverMs = max(1, call.serverMs / 4)
        case .nonIdempotentRetries:
            guard target == .orders, call.opIndex == MeshOperations.createOrder, call.failure == nil,
                  rng.chance(0.25) else { break }
            call.attempts = rng.chance(0.7) ? 2 : 3
            call.serverMs += (call.attempts - 1) * (call.serverMs + rng.range(25, 60))
        case .trafficSplit:
            if target == .reviewsV1 || target == .reviewsV2 { call.route = "reviews-canary" }
        }
    }

    /// Envoy answers the call itself; the server never sees it.
    private func fail(_ call: inout Call, _ failure: EnvoyFailure) {
        call.failure = failure
        call.serverSide = .none
    }
}
