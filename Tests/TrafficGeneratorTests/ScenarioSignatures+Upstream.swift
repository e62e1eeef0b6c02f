import Testing
import TrafficGenerator

/// Signatures of failures between a client sidecar and its upstream.
extension ScenarioSignatureTests {
    func checkProtocolNotDetected(_ access: [AccessLine]) {
        let orders = access.outbound("orders")
        #expect(!orders.isEmpty)
        #expect(orders.allSatisfy { $0.isTCP }, "no L7 lines to orders")
        #expect(orders.allSatisfy { $0.code == 0 && $0.duration >= 60_000 && $0.bytesReceived > 0 && $0.bytesSent > 0 })
        #expect(orders.allSatisfy { $0.host.hasSuffix(":50051") })
        #expect(orders.count < access.count / 50, "few lines: one per connection")
        #expect(access.contains { $0.isTCP && $0.cluster == "inbound|50051||" })
        // payments keeps L7 gRPC lines.
        #expect(access.outbound("payments").contains { $0.isHTTP2 })
    }

    func checkCircuitBreaker(_ access: [AccessLine]) {
        let orders = access.outbound("orders")
        let uo = orders.share { $0.flags == "UO" }
        #expect(uo > 0.08 && uo < 0.16, "UO share \(uo)")
        #expect(orders.filter { $0.flags == "UO" }.allSatisfy {
            $0.code == 200 && $0.details == "upstream_reset_before_response_started{overflow}" && $0.host == "-"
        })
        let catalogUO = access.outbound("catalog").filter { $0.flags == "UO" }
        #expect(!catalogUO.isEmpty && catalogUO.allSatisfy { $0.code == 503 })
    }

    func checkUpstreamTimeout(_ access: [AccessLine]) {
        let catalog = access.outbound("catalog")
        let ut = catalog.filter { $0.flags == "UT" }
        let share = Double(ut.count) / Double(catalog.count)
        #expect(share > 0.05 && share < 0.14, "UT share \(share)")
        #expect(ut.allSatisfy { $0.code == 504 && $0.duration >= 1000 })
        let route = ut.filter { $0.details == "response_timeout" }.count
        let perTry = ut.filter { $0.details == "upstream_per_try_timeout" }.count
        #expect(route > perTry && perTry > 0)
    }

    func checkUpstreamReset(_ access: [AccessLine]) {
        let payments = access.outbound("payments")
        let ur = payments.filter { $0.flags == "UR" }
        let share = Double(ur.count) / Double(payments.count)
        #expect(share > 0.04 && share < 0.11, "UR share \(share)")
        #expect(ur.allSatisfy { $0.code == 200 && $0.details.hasPrefix("upstream_reset_before_response_started{remote") })
    }

    func checkConnectionTermination(_ access: [AccessLine]) {
        let catalog = access.outbound("catalog")
        let share = catalog.share { $0.flags == "UC" }
        #expect(share > 0.03 && share < 0.08, "UC share \(share)")
        #expect(catalog.filter { $0.flags == "UC" }.allSatisfy {
            $0.code == 503 && $0.details == "upstream_reset_before_response_started{connection_termination}"
        })
    }

    func checkConnectFailure(_ access: [AccessLine]) {
        let catalog = access.outbound("catalog")
        let uf = catalog.filter { $0.flagSet.contains("UF") }
        let share = Double(uf.count) / Double(catalog.count)
        #expect(share > 0.04 && share < 0.10, "UF share \(share)")
        #expect(uf.allSatisfy { $0.code == 503 && $0.transportFailure.hasPrefix("delayed_connect_error") })
        #expect(uf.contains { $0.flagSet == ["UF", "URX"] })
        #expect(!uf.contains { $0.transportFailure.contains("TLS") })
        #expect(Set(uf.map(\.host)).count == 3, "refusals on every host")
    }

    func checkTLSFailure(_ access: [AccessLine]) {
        let reviews = access.outbound("reviews")
        let tls = reviews.share { $0.flagSet.contains("UF") && $0.transportFailure.contains("CERTIFICATE_VERIFY_FAILED") }
        #expect(tls > 0.9, "TLS failure share \(tls)")
        #expect(reviews.filter { $0.flags == "UF" }.allSatisfy {
            $0.code == 503 && $0.transportFailure
                == "TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end"
        })
    }

    func checkNoHealthyUpstream(_ access: [AccessLine]) {
        let payments = access.outbound("payments")
        let uh = payments.filter { $0.flags == "UH" }
        let share = Double(uh.count) / Double(payments.count)
        #expect(share > 0.3 && share < 0.5, "UH share \(share)")
        #expect(uh.allSatisfy { $0.code == 200 && $0.details == "no_healthy_upstream" && $0.host == "-" })
        // An outage window: none in the first quarter of the log.
        let firstQuarter = payments.prefix(payments.count / 4)
        #expect(!firstQuarter.contains { $0.flags == "UH" })
    }

    func checkRetriesExhausted(_ access: [AccessLine]) {
        let catalog = access.outbound("catalog")
        let urx = catalog.filter { $0.flags == "URX" }
        let share = Double(urx.count) / Double(catalog.count)
        #expect(share > 0.04 && share < 0.11, "URX share \(share)")
        #expect(urx.allSatisfy { $0.code == 503 && $0.details == "via_upstream" && $0.route == "catalog-api" })
    }

    func checkLocalReset(_ access: [AccessLine]) {
        let payments = access.outbound("payments")
        let share = payments.share { $0.flags == "LR" }
        #expect(share > 0.03 && share < 0.10, "LR share \(share)")
        #expect(payments.filter { $0.flags == "LR" }.allSatisfy { $0.details.contains("{local_reset}") })
    }

    func checkFailingHost(_ access: [AccessLine]) throws {
        let catalog = access.outbound("catalog")
        let errors = catalog.filter { $0.code >= 500 }
        let byHost = Dictionary(grouping: errors, by: \.host).mapValues(\.count)
        let (worst, worstErrors) = try #require(byHost.max { $0.value < $1.value })
        #expect(Double(worstErrors) / Double(errors.count) > 0.9, "\(byHost)")
        let worstRate = catalog.filter { $0.host == worst }.share { $0.code >= 500 }
        #expect(worstRate > 0.35 && worstRate < 0.55, "failing host error rate \(worstRate)")
        for host in Set(catalog.map(\.host)) where host != worst {
            #expect(catalog.filter { $0.host == host }.share { $0.code >= 500 } < 0.02)
        }
    }

    func checkSlowHost(_ access: [AccessLine]) throws {
        let catalog = access.outbound("catalog").filter { $0.code < 500 }
        let p99 = Dictionary(grouping: catalog, by: \.host).mapValues { percentile($0.map(\.duration), 0.99) }
        #expect(p99.count == 3)
        let slowest = try #require(p99.values.max())
        let siblings = p99.values.sorted().dropLast()
        let sibling = try #require(siblings.max())
        #expect(Double(slowest) >= 10 * Double(sibling), "p99 per host \(p99)")
    }
}
