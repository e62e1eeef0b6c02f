import Testing
@testable import AccessLog

/// Text lines whose token count fits no known layout but that still start like Envoy's formats.
@Suite struct TextFallbackTests {
    @Test func istioDefaultPlusPeerSANBeforeRouteName() {
        // Istio 1.9+ default with %DOWNSTREAM_PEER_URI_SAN% inserted before %ROUTE_NAME% (23 tokens).
        let p = FormatFixture.parse(#"[2021-10-05T12:00:00.000Z] "GET /orders HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "curl/7.79" "f00d" "orders:8080" "-" outbound|8080||orders.shop.svc.cluster.local - 10.96.0.8:8080 10.244.0.3:41000 - spiffe://cluster.local/ns/shop/sa/web default"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istio19Plus)
        #expect(p.record.flags == ResponseFlags(.noHealthyUpstream))
        #expect(p.text(.responseCodeDetails) == "no_healthy_upstream")
        #expect(p.record.bytesSent == 19)
        #expect(p.text(.authority) == "orders:8080")
        #expect(p.text(.upstreamCluster) == "outbound|8080||orders.shop.svc.cluster.local")
        #expect(p.text(.downstreamRemoteAddress) == "10.244.0.3:41000")
        #expect(p.text(.routeName) == "default")
    }

    @Test func envoyDefaultPlusCodeDetails() {
        let p = FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "GET /v1/items HTTP/1.1" 503 UF upstream_reset_before_response_started{connection_failure} 0 91 1 - "-" "curl/7.88.1" "a8d2" "localhost:10000" "172.18.0.3:8080""#)
        #expect(p.lineClass == .access)
        #expect(p.format == .envoyDefault)
        #expect(p.text(.responseCodeDetails) == "upstream_reset_before_response_started{connection_failure}")
        #expect(p.record.bytesSent == 91)
        #expect(p.text(.upstreamHost) == "172.18.0.3:8080")
    }

    @Test func unknownShapeKeepsTheLeadingFields() {
        let p = FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "GET /x HTTP/1.1" 429 RL local_rate_limited 7"#)
        #expect(p.lineClass == .access)
        #expect(p.text(.path) == "/x")
        #expect(p.record.responseCode == 429)
        #expect(p.record.flags == ResponseFlags(.rateLimited))
        #expect(p.text(.responseCodeDetails) == "local_rate_limited")
    }

    @Test func unknownShapesThatAreNotEnvoyAreMalformed() {
        #expect(FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "hello world" 12 ok"#).lineClass
            == .malformed(.badAccessShape))
        #expect(FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "GET /x HTTP/1.1" 200 4.5 x"#).lineClass
            == .malformed(.badAccessShape))
        #expect(FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "get /x HTTP/1.1" 200 - x"#).lineClass
            == .malformed(.badAccessShape))
    }

    @Test func unknownFlagNameIsIgnored() {
        let p = FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "GET /x HTTP/1.1" 503 UF,ZZ 0 91 1 - "-" "curl" "id" "a" "10.0.0.1:80""#)
        #expect(p.lineClass == .access)
        #expect(p.record.flags == ResponseFlags(.upstreamConnectionFailure))
    }

    @Test func nonNumericCodeIsMalformed() {
        let p = FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "GET /x HTTP/1.1" OK - 0 91 1 - "-" "curl" "id" "a" "10.0.0.1:80""#)
        #expect(p.lineClass == .malformed(.badAccessShape))
    }

    @Test func timestampWithoutRequestLineIsNotAccess() {
        #expect(FormatFixture.parse("[2023-06-01T08:30:00.000Z] starting worker 3").lineClass == .nonAccess(.other))
        #expect(FormatFixture.parse(#"[2023-06-01T08:30:00.000Z] "GET / HTTP/1.1""#).lineClass
            == .malformed(.badAccessShape))
    }
}
