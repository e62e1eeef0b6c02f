import AccessLog
import Analysis
import Testing
@testable import Presentation

@Suite struct FilterQueryTests {
    typealias Term = FilterQuery.Term

    @Test func parsesEveryKeyFreeTextAndInversion() {
        let query = FilterQuery(parsing: "flag:UO cluster:GRPC code:503 host:10.1.2.3 method:PlaceOrder pod:client-1 !timeout")
        #expect(query.terms == [
            Term(.flag(.upstreamOverflow)), Term(.cluster("grpc")), Term(.code(503)), Term(.host("10.1.2.3")),
            Term(.method("placeorder")), Term(.pod("client-1")), Term(.text("timeout"), inverted: true),
        ])
    }

    @Test func parsesInvertedKeyTermsLongFlagNamesAndCodeClasses() {
        #expect(FilterQuery(parsing: "!flag:upstreamconnectionfailure").terms == [Term(.flag(.upstreamConnectionFailure), inverted: true)])
        #expect(FilterQuery(parsing: "code:5xx").terms == [Term(.codeClass(5))])
        #expect(FilterQuery(parsing: "code:4").terms == [Term(.codeClass(4))])
        #expect(FilterQuery(parsing: "code:0").terms == [Term(.code(0))])
        #expect(FilterQuery(parsing: "flag:-").terms == [Term(.noFlag)])
        #expect(FilterQuery(parsing: "flag:XYZ").terms == [Term(.unknownFlag("XYZ"))])
    }

    @Test func unknownKeysAreFreeTextAndEmptyPartsAreIgnored() {
        #expect(FilterQuery(parsing: "Foo:Bar").terms == [Term(.text("foo:bar"))])
        #expect(FilterQuery(parsing: "  ! cluster:  ").terms.isEmpty)
        #expect(FilterQuery(parsing: "!!code:200").terms == [Term(.code(200))])
    }

    let uo = SampleLine(text: #"[2026-11-20T10:00:00.000Z] "POST /shop.orders.v1.OrderService/PlaceOrder HTTP/2" 503 UO"#,
                        source: "frontend-1", cluster: "outbound|50051||orders.shop.svc.cluster.local",
                        host: "10.244.1.17:50051", method: "/shop.orders.v1.OrderService/PlaceOrder",
                        flags: ResponseFlags(.upstreamOverflow), code: 503)
    let ok = SampleLine(text: #"[2026-11-20T10:00:01.000Z] "GET /api/v1/products/7 HTTP/1.1" 200 -"#,
                        source: "frontend-2", cluster: "outbound|8080||catalog.shop.svc.cluster.local",
                        host: "10.244.2.9:8080", code: 200)

    @Test func matchesLinesOnEveryKey() {
        let cases: [(String, Bool, Bool)] = [
            ("flag:UO", true, false), ("flag:-", false, true), ("!flag:UO", false, true),
            ("code:503", true, false), ("code:5xx", true, false), ("code:2", false, true),
            ("cluster:orders", true, false), ("host:10.244.2.", false, true),
            ("method:placeorder", true, false), ("method:GET", false, true),
            ("pod:frontend-2", false, true), ("products", false, true), ("flag:UO code:200", false, false),
            ("flag:XYZ", false, false), ("!flag:XYZ", true, true),
        ]
        for (text, matchesUO, matchesOK) in cases {
            let query = FilterQuery(parsing: text)
            #expect(query.matches(uo) == matchesUO, "\(text) on the UO line")
            #expect(query.matches(ok) == matchesOK, "\(text) on the 200 line")
        }
    }

    @Test func narrowsDashboardRowsWhereMeaningful() {
        let orders = ClusterStats(name: ClusterName("outbound|50051||orders.shop.svc.cluster.local"), requests: 10,
                                  hosts: [HostStats(host: "10.244.1.17:50051", requests: 10, share: 1)],
                                  flags: [FlagCount(flag: .upstreamOverflow, count: 2)], codes: [CodeCount(code: 503, count: 2)])
        let catalog = ClusterStats(name: ClusterName("outbound|8080||catalog.shop.svc.cluster.local"), requests: 5,
                                   codes: [CodeCount(code: 200, count: 5)])
        let query = FilterQuery(parsing: "flag:UO")
        #expect(query.matches(orders) && !query.matches(catalog))
        #expect(FilterQuery(parsing: "!cluster:orders").matches(catalog))
        #expect(FilterQuery(parsing: "host:10.244.1.17").matches(orders))
        #expect(FilterQuery(parsing: "pod:frontend").matches(catalog), "pods say nothing about clusters")
        #expect(FilterQuery(parsing: "code:5xx").matches(code: 503) && !FilterQuery(parsing: "code:5xx").matches(code: 200))
        let flag = FlagStats(flag: .upstreamOverflow, count: 2, clusters: [KeyCount(key: orders.name.name, count: 2)])
        #expect(FilterQuery(parsing: "cluster:orders").matches(flag))
        #expect(!FilterQuery(parsing: "flag:UF").matches(flag))
    }

    @Test func narrowsTheHostsOfAClusterAndItsPods() {
        let hot = HostStats(host: "10.8.2.14:50051", requests: 40, flags: [FlagCount(flag: .upstreamConnectionFailure, count: 3)],
                            codes: [CodeCount(code: 503, count: 3), CodeCount(code: 200, count: 37)])
        let cold = HostStats(host: "10.8.0.11:50051", requests: 40, codes: [CodeCount(code: 200, count: 40)])
        let other = HostStats(host: "other", isOther: true, requests: 9)
        let orders = ClusterStats(name: ClusterName("outbound|50051||orders.shop.svc.cluster.local"), hosts: [hot, cold, other])
        func shown(_ text: String) -> [String] {
            let query = FilterQuery(parsing: text)
            return orders.hosts.filter { query.matches($0, in: orders) }.map(\.host)
        }
        #expect(shown("host:10.8.2.") == ["10.8.2.14:50051"])
        #expect(shown("!host:10.8.2.") == ["10.8.0.11:50051", "other"])
        #expect(shown("flag:UF") == ["10.8.2.14:50051"])
        #expect(shown("code:5xx") == ["10.8.2.14:50051"])
        #expect(shown("10.8.0") == ["10.8.0.11:50051"])
        #expect(shown("orders") == ["10.8.2.14:50051", "10.8.0.11:50051", "other"], "free text in the cluster name keeps every host")
        #expect(shown("cluster:orders pod:web method:Get") == ["10.8.2.14:50051", "10.8.0.11:50051", "other"])
        #expect(FilterQuery(parsing: "pod:checkout host:10.8").matches(pod: "checkout-5d8f-1"))
        #expect(!FilterQuery(parsing: "pod:checkout").matches(pod: "frontend-1"))
        #expect(FilterQuery(parsing: "!pod:checkout").matches(pod: "frontend-1"))
    }
}
