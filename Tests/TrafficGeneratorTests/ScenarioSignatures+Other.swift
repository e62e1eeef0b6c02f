import Testing
import TrafficGenerator

/// Signatures of routing, policy, client-side and gRPC-field scenarios.
extension ScenarioSignatureTests {
    func checkNoRoute(_ access: [AccessLine]) {
        let toCatalog = access.filter { $0.authority == "catalog:8080" && !$0.isInbound }
        let nr = toCatalog.filter { $0.flags == "NR" }
        let share = Double(nr.count) / Double(toCatalog.count)
        #expect(share > 0.06 && share < 0.14, "NR share \(share)")
        #expect(nr.allSatisfy { $0.code == 404 && $0.details == "route_not_found" && $0.cluster == "-" && $0.route == "-" })
        #expect(nr.allSatisfy { $0.path.hasPrefix("/api/v2/") })
    }

    func checkClusterNotFound(_ access: [AccessLine]) {
        let toReviews = access.filter { $0.authority == "reviews:9080" && !$0.isInbound }
        let nc = toReviews.filter { $0.flags == "NC" }
        let share = Double(nc.count) / Double(toReviews.count)
        #expect(share > 0.14 && share < 0.26, "NC share \(share)")
        #expect(nc.allSatisfy { $0.code == 503 && $0.details == "cluster_not_found" && $0.route == "reviews-canary" })
    }

    func checkClientCancelled(_ access: [AccessLine]) {
        let orders = access.outbound("orders")
        let dc = orders.filter { $0.flags == "DC" }
        let share = Double(dc.count) / Double(orders.count)
        #expect(share > 0.05 && share < 0.13, "DC share \(share)")
        #expect(dc.allSatisfy { $0.code == 0 && $0.details == "downstream_remote_disconnect" })
        // At the clients' 1 s deadline (apart from the background's rare cancellations).
        #expect(dc.share { (1000...1004).contains($0.duration) } > 0.95)
        #expect(access.contains { $0.cluster == "inbound|50051||" && $0.code == 0 })
    }

    func checkRateLimited(_ access: [AccessLine]) {
        let inbound = access.filter { $0.isInbound && $0.authority == "catalog:8080" }
        let rl = inbound.filter { $0.flags == "RL" }
        let share = Double(rl.count) / Double(inbound.count)
        #expect(share > 0.08 && share < 0.16, "RL share \(share)")
        #expect(rl.allSatisfy { $0.code == 429 && $0.details == "local_rate_limited" && $0.host == "-" })
        // The client side sees the sidecar's 429 as an upstream answer.
        #expect(access.outbound("catalog").contains { $0.code == 429 && $0.flags == "-" && $0.details == "via_upstream" })
    }

    func checkAccessDenied(_ access: [AccessLine]) {
        let denied = access.filter { $0.code == 403 && $0.details.hasPrefix("rbac_access_denied_matched_policy[") }
        #expect(denied.count > 300)
        #expect(denied.allSatisfy {
            $0.flags == "-" && $0.details == "rbac_access_denied_matched_policy[ns[shop]-policy[deny-frontend]-rule[0]]"
                && $0.cluster == "inbound|9080||"
        })
        #expect(access.contains { $0.code == 403 && $0.flags == "UAEX" && $0.details == "ext_authz_denied" })
    }

    func checkFaultInjection(_ access: [AccessLine]) {
        let catalog = access.outbound("catalog")
        let fi = catalog.share { $0.flags == "FI" }
        #expect(fi > 0.05 && fi < 0.11, "FI share \(fi)")
        #expect(catalog.filter { $0.flags == "FI" }.allSatisfy { $0.code == 503 && $0.details == "fault_filter_abort" })
        let delayed = catalog.filter { $0.flags == "DI" }
        #expect(!delayed.isEmpty && delayed.allSatisfy { $0.duration >= 2000 && $0.code < 500 })
    }

    func checkProtocolError(_ access: [AccessLine]) {
        let catalog = access.outbound("catalog")
        let upe = catalog.share { $0.flags == "UPE" }
        #expect(upe > 0.05 && upe < 0.11, "UPE share \(upe)")
        let dpe = access.filter { $0.flags == "DPE" }
        #expect(dpe.count > 50)
        #expect(dpe.allSatisfy { $0.requestLine == "- - HTTP/1.1" && $0.code == 400 && $0.details == "http1.codec_error" })
    }

    func checkStreamIdleTimeout(_ access: [AccessLine]) {
        let orders = access.outbound("orders")
        let si = orders.filter { $0.flags == "SI" }
        let share = Double(si.count) / Double(orders.count)
        #expect(share > 0.03 && share < 0.10, "SI share \(share)")
        #expect(si.allSatisfy { $0.path.hasSuffix("/WatchOrders") && $0.duration >= 300_000 && $0.details == "stream_idle_timeout" })
    }

    func checkMaxStreamDuration(_ access: [AccessLine]) {
        let catalog = access.outbound("catalog")
        let umsdr = catalog.filter { $0.flags == "UMSDR" }
        let share = Double(umsdr.count) / Double(catalog.count)
        #expect(share > 0.03 && share < 0.10, "UMSDR share \(share)")
        #expect(umsdr.allSatisfy { $0.code == 504 && $0.duration >= 30_000 && $0.details == "upstream_max_stream_duration_reached" })
    }

    func checkOverload(_ access: [AccessLine]) throws {
        let om = access.filter { $0.flags == "OM" }
        let share = Double(om.count) / Double(access.count)
        #expect(share > 0.02 && share < 0.08, "OM share \(share)")
        #expect(om.allSatisfy { ($0.code == 503 || $0.code == 200) && $0.details == "overload" })
        // All from one proxy: its pod IP is the client address, or the local one for requests from the gateway.
        let pods = Set(om.map { $0.downstreamRemote.hasPrefix("10.244.0.12:") ? $0.tokens[18] : $0.downstreamRemote }
            .map { $0.split(separator: ":")[0] })
        #expect(pods == ["10.244.3.41"])
    }

    func checkDNSFailure(_ access: [AccessLine]) {
        let proxied = access.filter { $0.cluster == "dynamic_forward_proxy_cluster" }
        let df = proxied.filter { $0.flags == "DF" }
        #expect(df.count > 300)
        #expect(df.allSatisfy { $0.code == 503 && $0.details == "dns_resolution_failure" && $0.authority == "api.shipping-partner.example" })
        #expect(proxied.contains { $0.code == 200 && $0.authority == "rates.carrier-hub.example" })
    }

    func checkPassthrough(_ access: [AccessLine]) {
        let passthrough = access.filter { $0.cluster == "PassthroughCluster" }
        let share = Double(passthrough.count) / Double(access.count)
        #expect(share > 0.05 && share < 0.11, "passthrough share \(share)")
        #expect(passthrough.contains { $0.isTCP && $0.tokens[20] != "-" })
        #expect(passthrough.contains { !$0.isTCP && $0.route == "allow_any" && $0.code == 200 })
    }

    func checkBlackhole(_ access: [AccessLine]) {
        let tcp = access.filter { $0.cluster == "BlackHoleCluster" }
        #expect(tcp.count > 200)
        #expect(tcp.allSatisfy { $0.isTCP && $0.code == 0 && $0.flags == "UH" && $0.host == "-" })
        let http = access.filter { $0.route == "block_all" }
        #expect(http.count > 50)
        #expect(http.allSatisfy { $0.code == 502 && $0.flags == "-" && $0.details == "direct_response" && $0.cluster == "-" })
    }

    func checkGrpcErrors(_ log: GeneratedLog) {
        #expect(log.options.effectiveOutput == .customGrpc)
        let orders = log.accessLines.outbound("orders")
        #expect(orders.allSatisfy { $0.tokens.count == 24 })
        let placeOrder = orders.filter { $0.path.hasSuffix("/PlaceOrder") }
        let failed = placeOrder.share { $0.grpcStatus != "OK" }
        #expect(failed > 0.12 && failed < 0.25, "PlaceOrder non-OK \(failed)")
        #expect(placeOrder.allSatisfy { $0.code == 200 || $0.code == 0 })
        #expect(Set(placeOrder.map(\.grpcStatus)).isSuperset(of: ["OK", "Internal", "Unavailable", "FailedPrecondition"]))
        let others = orders.filter { !$0.path.hasSuffix("/PlaceOrder") }
        #expect(others.share { !["OK", "NotFound"].contains($0.grpcStatus) } < 0.01)
    }

    func checkNonIdempotentRetries(_ log: GeneratedLog) {
        #expect(log.options.effectiveOutput == .customGrpc)
        let create = log.accessLines.outbound("orders").filter { $0.path.hasSuffix("/CreateOrder") }
        let retried = create.filter { $0.attempts > 1 }
        let share = Double(retried.count) / Double(create.count)
        #expect(share > 0.15 && share < 0.35, "CreateOrder retried \(share)")
        #expect(retried.allSatisfy { $0.attempts <= 3 && $0.code == 200 && $0.grpcStatus == "OK" })
        #expect(retried.contains { $0.attempts == 3 })
    }
}
