import AccessLog
import Testing
@testable import Analysis

@Suite struct SupportTests {
    @Test func counts() {
        #expect(Fmt.count(0) == "0")
        #expect(Fmt.count(999) == "999")
        #expect(Fmt.count(1_204) == "1,204")
        #expect(Fmt.count(10_033) == "10,033")
        #expect(Fmt.count(1_234_567) == "1,234,567")
        #expect(Fmt.count(-1_234) == "-1,234")
    }

    @Test func percents() {
        #expect(Fmt.percent(0.12) == "12.0 %")
        #expect(Fmt.percent(1_204.0 / 10_033) == "12.0 %")
        #expect(Fmt.percent(0.005) == "0.50 %")
        #expect(Fmt.percent(0.00003) == "< 0.01 %")
        #expect(Fmt.percent(0) == "0.00 %")
        #expect(Fmt.percent(1) == "100.0 %")
    }

    @Test func durations() {
        #expect(Fmt.ms(850) == "850 ms")
        #expect(Fmt.ms(12_345) == "12.3 s")
        #expect(Fmt.ms(300_000) == "5m 00s")
        #expect(Fmt.ms(7_500_000) == "2h 05m")
    }

    @Test func utcTimes() {
        let t = UTCTime(ms: 1_714_557_601_123)
        #expect(t.date == "2024-05-01")
        #expect(t.time == "10:00:01")
        #expect(UTCTime(ms: 0).date == "1970-01-01")
        #expect(UTCTime(ms: 951_782_400_000).date == "2000-02-29")
        #expect(Fmt.window(firstMs: 1_714_557_600_000, lastMs: 1_714_644_000_000) == "2024-05-01 10:00:00 – 2024-05-02 10:00:00 UTC (24h 00m)")
        #expect(Fmt.window(firstMs: nil, lastMs: 5) == nil)
    }

    @Test func serviceTargets() {
        let t = ServiceTarget(ClusterName("outbound|50051|v2|orders.shop.svc.cluster.local"))
        #expect(t.fqdn == "orders.shop.svc.cluster.local")
        #expect(t.service == "orders")
        #expect(t.namespace == "shop")
        #expect(t.port == "50051")
        #expect(t.subset == "v2")
        #expect(ServiceTarget.displayName(ClusterName("outbound|50051|v2|orders.shop.svc.cluster.local")) == "orders.shop:50051 subset v2")
        #expect(ServiceTarget.displayName(ClusterName("outbound|443||api.stripe.com")) == "api.stripe.com:443")
        #expect(ServiceTarget.displayName(ClusterName("PassthroughCluster")) == "PassthroughCluster")
        let external = ServiceTarget(ClusterName("outbound|443||api.stripe.com"))
        #expect(external.namespace == "<namespace>")
    }

    @Test func placeholdersFillKnownTokensOnly() {
        let p = Placeholders(target: ServiceTarget(ClusterName("outbound|9080|v1|reviews.bookinfo.svc.cluster.local")), pod: "productpage-v1-abc")
        #expect(p.fill("{service}.{namespace}:{port} {pod} {unknown} {") == "reviews.bookinfo:9080 productpage-v1-abc {unknown} {")
        #expect(p.fill("number: {port}{subsetLine}") == "number: 9080\n        subset: v1")
        #expect(p.fill("{drNote}").contains("subset v1"))
        #expect(Placeholders().fill("{pod}") == "<client-pod>")
    }

    @Test func externalDestinations() {
        let host = ExternalDestination("api.stripe.com:443")
        #expect(host.host == "api.stripe.com" && host.port == 443 && !host.isIP)
        #expect(host.slug == "api-stripe-com")
        let ip = ExternalDestination("10.20.30.40:5432")
        #expect(ip.isIP && ip.port == 5432)
        let v6 = ExternalDestination("[2001:db8::1]:443")
        #expect(v6.host == "2001:db8::1" && v6.port == 443 && v6.isIP)
        #expect(ExternalDestination("example.com").port == nil)
    }

    @Test func transportFailureMarkers() {
        #expect(TransportFailure.isTLS("TLS_error:|268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end"))
        #expect(TransportFailure.isTLS("TLS_error:_Secret_is_not_supplied_by_SDS"))
        #expect(!TransportFailure.isTLS("delayed_connect_error:_111"))
        #expect(!TransportFailure.isTLS("delayed_connect_error:_Connection_refused"))
    }

    @Test func hostIPs() {
        #expect(HostStats(host: "10.244.1.7:8080").ip == "10.244.1.7")
        #expect(HostStats(host: "[fd00::7]:8080").ip == "fd00::7")
        #expect(HostStats(host: "envoy://connect_originate/10.244.1.7:8080").ip == "10.244.1.7")
    }
}

@Suite struct ServiceTargetInboundTests {
    @Test func oldInboundPortNameIsNotASubset() {
        let t = ServiceTarget(ClusterName("inbound|9080|http|settings.ns.svc.cluster.local"))
        #expect(t.subset == nil)
        #expect(t.service == "settings" && t.namespace == "ns" && t.port == "9080")
        #expect(Placeholders(target: t).fill("x{subsetLine}y") == "xy")
    }
}
