#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Choosing what happens next: a proxy log line or a request (one to a few lines).
extension TrafficGenerator {
    /// Relative weights of the flows in background traffic, adjusted per scenario.
    static func flowPlan(for scenario: Scenario) -> [(Flow, Int)] {
        var plan: [Flow: Int] = [
            .ingress: 100, .orders: 250, .payments: 100, .catalog: 220, .reviews: 80,
            .redis: 10, .postgres: 12, .stripe: 8,
        ]
        switch scenario {
        case .protocolNotDetected:
            plan[.orders] = 0
            plan[.ordersOpaqueTCP] = 9
        case .passthroughTraffic: plan[.passthrough] = 120
        case .blackholeTraffic: plan[.blackhole] = 85
        case .dnsFailure: plan[.shippingProxy] = 70
        case .protocolError: plan[.malformedClient] = 25
        case .grpcStatusNotLogged:
            plan[.orders] = 450
            plan[.payments] = 250
            plan[.catalog] = 60
            plan[.reviews] = 20
        case .trafficSplit, .clusterNotFound, .tlsHandshakeFailure, .accessDenied:
            plan[.reviews] = 120
        default: break
        }
        return Flow.allCases.compactMap { flow in
            guard let weight = plan[flow], weight > 0 else { return nil }
            return (flow, weight)
        }
    }

    /// Adds the next group of lines to the queue and advances the clock.
    mutating func produceGroup() {
        if let mesh = scaleMesh {
            produceScaleGroup(mesh)
            return
        }
        if rng.chance(proxyGroupProbability) {
            appendProxyLines()
            clockUs += Int64(rng.range(0, 2000))
            return
        }
        let before = queue.count
        switch flows[rng.pick(flowWeights, total: flowTotal)] {
        case .ingress: appendCall(makeCall(.frontend))
        case .orders: appendCall(makeCall(.orders))
        case .payments: appendCall(makeCall(.payments))
        case .catalog: appendCall(makeCall(.catalog))
        case .reviews: appendCall(makeCall(reviewsSubset()))
        case .redis: appendDatabaseConnection(MeshTCP.redis)
        case .postgres: appendDatabaseConnection(MeshTCP.postgres)
        case .stripe: appendStripeConnection()
        case .ordersOpaqueTCP: appendOpaqueOrdersConnection()
        case .passthrough: appendExternalCall(blocked: false)
        case .blackhole: appendExternalCall(blocked: true)
        case .shippingProxy: appendShippingProxyCall()
        case .malformedClient: appendMalformedRequest()
        }
        let produced = queue.count - before
        linesPerRequestGroup = linesPerRequestGroup * 0.995 + Double(produced) * 0.005
        // Poisson arrivals: the gap scales with the access records just written.
        let meanGapUs = 1_000_000 / Double(max(1, options.requestsPerSecond))
        clockUs += Int64(Double(max(1, produced)) * meanGapUs * -log(1 - rng.unit()))
    }

    /// Probability that the next group is proxy log lines, so that their share of all lines is
    /// `nonAccessShare` given the current lines-per-group averages.
    var proxyGroupProbability: Double {
        let share = min(max(options.nonAccessShare, 0), 1)
        if share >= 1 { return 1 }
        let dumps = dialect.proxyLog == .json ? 0 : ProxyMessage.requestHeaders.weight
        let proxyLines = 1 + Double(TrafficGenerator.headerDumpLines * dumps) / Double(TrafficGenerator.proxyMessageTotal)
        let requestLines = linesPerRequestGroup
        return share * requestLines / (proxyLines * (1 - share) + share * requestLines)
    }

    /// Now, in nanoseconds, plus an offset in microseconds.
    func writtenNs(plusUs offset: Int64 = 0) -> Int64 {
        (clockUs + offset) * 1000 + Int64(RandomSource.mix(Int(clockUs), Int(offset)) % 1000)
    }

    /// Which reviews subset a request goes to (all v1 unless the scenario splits traffic).
    mutating func reviewsSubset() -> Target {
        options.scenario == .trafficSplit && rng.chance(0.3) ? .reviewsV2 : .reviewsV1
    }
}
