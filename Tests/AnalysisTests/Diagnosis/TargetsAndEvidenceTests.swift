import AccessLog
import Testing
@testable import Analysis

@Suite struct TargetsAndEvidenceTests {
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
