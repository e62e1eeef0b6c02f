import Testing
import TrafficGenerator

/// Every scenario shows its finding's signature with the documented magnitude, read back from the
/// generated text (Istio 1.9+ layout, or customGrpc for the gRPC-field scenarios).
@Suite struct ScenarioSignatureTests {
    @Test(arguments: Scenario.allCases)
    func scenarioShowsItsSignature(scenario: Scenario) throws {
        let log = GeneratedLog(lines: 12000, seed: 11, scenario: scenario)
        let access = log.accessLines
        #expect(access.count > 11000)
        switch scenario {
        case .healthy: checkHealthy(access)
        case .connectionPinning: try checkConnectionPinning(access)
        case .protocolNotDetected: checkProtocolNotDetected(access)
        case .circuitBreakerOverflow: checkCircuitBreaker(access)
        case .upstreamTimeout: checkUpstreamTimeout(access)
        case .upstreamReset: checkUpstreamReset(access)
        case .upstreamConnectionTermination: checkConnectionTermination(access)
        case .upstreamConnectFailure: checkConnectFailure(access)
        case .tlsHandshakeFailure: checkTLSFailure(access)
        case .noHealthyUpstream: checkNoHealthyUpstream(access)
        case .noRoute: checkNoRoute(access)
        case .clusterNotFound: checkClusterNotFound(access)
        case .retriesExhausted: checkRetriesExhausted(access)
        case .clientCancelled: checkClientCancelled(access)
        case .localReset: checkLocalReset(access)
        case .rateLimited: checkRateLimited(access)
        case .accessDenied: checkAccessDenied(access)
        case .faultInjection: checkFaultInjection(access)
        case .protocolError: checkProtocolError(access)
        case .streamIdleTimeout: checkStreamIdleTimeout(access)
        case .maxStreamDuration: checkMaxStreamDuration(access)
        case .overloadManager: try checkOverload(access)
        case .dnsFailure: checkDNSFailure(access)
        case .passthroughTraffic: checkPassthrough(access)
        case .blackholeTraffic: checkBlackhole(access)
        case .failingUpstreamHost: try checkFailingHost(access)
        case .slowUpstreamHost: try checkSlowHost(access)
        case .grpcErrors: checkGrpcErrors(log)
        case .grpcStatusNotLogged: checkGrpcStatusNotLogged(log)
        case .nonIdempotentRetries: checkNonIdempotentRetries(log)
        case .trafficSplit: checkTrafficSplit(access)
        }
    }

    // MARK: background

    func checkHealthy(_ access: [AccessLine]) {
        let flagged = access.filter { $0.flags != "-" }
        #expect(Double(flagged.count) / Double(access.count) < 0.002, "\(flagged.count) flagged lines")
        let serverErrors = access.filter { $0.code >= 500 }
        #expect(Double(serverErrors.count) / Double(access.count) < 0.003)
        for service in ["orders", "payments", "catalog"] {
            // Hosts picked by the load balancer (`-` when Envoy answered before picking one).
            let lines = access.outbound(service).filter { $0.host != "-" }
            let hosts = Dictionary(grouping: lines, by: \.host)
            #expect(hosts.count >= 2)
            let fair = 1 / Double(hosts.count)
            for (host, hostLines) in hosts {
                let share = Double(hostLines.count) / Double(lines.count)
                #expect(abs(share - fair) < 0.06, "\(service) host \(host) share \(share)")
            }
        }
        // All three transports are present: HTTP/1.1, gRPC over HTTP/2, TCP.
        #expect(access.contains { $0.isTCP })
        #expect(access.contains { $0.isHTTP2 && $0.path.hasPrefix("/shop.orders.v1.OrderService/") })
        #expect(access.contains { $0.requestLine.hasSuffix("HTTP/1.1") })
        #expect(access.contains { $0.cluster == "outbound|443||api.stripe.com" })
    }

    func checkConnectionPinning(_ access: [AccessLine]) throws {
        let orders = access.outbound("orders").filter { !$0.isTCP }
        #expect(orders.allSatisfy { $0.pod != nil && $0.isHTTP2 })
        let byPod = Dictionary(grouping: orders) { $0.pod ?? "" }
        #expect(byPod.count == 4)
        for (pod, lines) in byPod {
            let hosts = Set(lines.map(\.host).filter { $0 != "-" })
            #expect(hosts.count == 1, "\(pod) sends to \(hosts)")
        }
        let picked = orders.filter { $0.host != "-" }
        let hosts = Dictionary(grouping: picked, by: \.host).mapValues { Double($0.count) / Double(picked.count) }
        #expect(hosts.count == 3)
        let top = try #require(hosts.values.max())
        #expect(top > 0.55 && top < 0.75, "top host share \(top)")
        // Other clusters stay balanced per pod.
        let catalogPods = Dictionary(grouping: access.outbound("catalog")) { $0.pod ?? "" }
        #expect(catalogPods.values.allSatisfy { Set($0.map(\.host)).count >= 3 })
    }

    func checkTrafficSplit(_ access: [AccessLine]) {
        let reviews = access.outbound("reviews")
        let v2 = reviews.share { $0.cluster.contains("|v2|") }
        #expect(v2 > 0.24 && v2 < 0.36, "v2 share \(v2)")
        #expect(reviews.allSatisfy { $0.route == "reviews-canary" })
    }

    func checkGrpcStatusNotLogged(_ log: GeneratedLog) {
        #expect(log.options.effectiveOutput == .istio19)
        #expect(GeneratorOptions(output: .customGrpc, scenario: .grpcStatusNotLogged).effectiveOutput == .istio19)
        let access = log.accessLines
        #expect(access.allSatisfy { $0.tokens.count == 22 })
        let grpc = access.share { $0.isHTTP2 && $0.path.hasPrefix("/shop.") }
        #expect(grpc > 0.6, "gRPC share \(grpc)")
        // Failures hide behind 200: trailers-only responses (0 bytes) on PlaceOrder.
        let placeOrder = access.outbound("orders").filter { $0.path.hasSuffix("/PlaceOrder") }
        #expect(placeOrder.allSatisfy { $0.code == 200 || $0.code == 0 })
        let hidden = placeOrder.share { $0.code == 200 && $0.bytesSent == 0 && $0.flags == "-" }
        #expect(hidden > 0.06 && hidden < 0.15, "hidden failures \(hidden)")
        #expect(access.share { $0.flags != "-" } < 0.003)
    }
}
