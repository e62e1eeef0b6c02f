import Testing
@testable import AccessLog

@Suite struct IstioTextFormatTests {
    @Test func istio19PlusHTTPLine() throws {
        let line = #"[2024-05-14T09:21:33.412Z] "GET /api/v1/orders?limit=20 HTTP/1.1" 200 - via_upstream - "-" 0 1543 12 11 "10.244.0.1" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36" "5d0f7c0e-3b0a-4c4e-9d51-6b1c2f3a4e5d" "orders.shop.svc.cluster.local:8080" "10.244.1.17:8080" outbound|8080||orders.shop.svc.cluster.local 10.244.2.5:53420 10.96.14.22:8080 10.244.2.5:41230 - default"#
        let p = FormatFixture.parse(line)
        #expect(p.lineClass == .access)
        #expect(p.format == .istio19Plus)
        #expect(p.text(.method) == "GET")
        #expect(p.text(.path) == "/api/v1/orders?limit=20")
        #expect(p.text(.protocol) == "HTTP/1.1")
        #expect(p.record.responseCode == 200)
        #expect(p.record.flags == [])
        #expect(p.text(.responseCodeDetails) == "via_upstream")
        #expect(p.text(.connectionTerminationDetails) == nil)
        #expect(p.record.bytesReceived == 0)
        #expect(p.record.bytesSent == 1543)
        #expect(p.record.durationMs == 12)
        #expect(p.record.upstreamServiceTimeMs == 11)
        #expect(p.text(.userAgent) == "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36")
        #expect(p.text(.authority) == "orders.shop.svc.cluster.local:8080")
        #expect(p.text(.upstreamHost) == "10.244.1.17:8080")
        #expect(p.text(.upstreamCluster) == "outbound|8080||orders.shop.svc.cluster.local")
        #expect(p.text(.downstreamRemoteAddress) == "10.244.2.5:41230")
        #expect(p.text(.requestedServerName) == nil)
        #expect(p.text(.routeName) == "default")
        #expect(p.record.startTimeMs == 1_715_678_493_412)
        #expect(p.record.grpcStatus == -1)
        #expect(p.record.escaped == false)
    }

    @Test func connectionRefusedWithRetryFlagsInEitherOrder() {
        let details = "upstream_reset_before_response_started{remote_connection_failure|delayed_connect_error:_Connection_refused}"
        let a = FormatFixture.parse(#"[2025-12-02T01:02:03.004Z] "POST /checkout HTTP/1.1" 503 URX,UF \#(details) - "delayed_connect_error:_Connection_refused" 0 152 30 - "-" "curl/8.5.0" "a1b2c3d4" "payments:9000" "10.244.3.9:9000" outbound|9000||payments.shop.svc.cluster.local - 10.96.3.3:9000 10.244.2.5:50000 - default"#)
        let b = FormatFixture.parse(#"[2024-05-02T01:02:03.004Z] "POST /checkout HTTP/1.1" 503 UF,URX upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111} - "delayed_connect_error:_111" 0 145 30 - "-" "curl/8.5.0" "a1b2c3d5" "payments:9000" "10.244.3.9:9000" outbound|9000||payments.shop.svc.cluster.local - 10.96.3.3:9000 10.244.2.5:50001 - default"#)
        #expect(a.lineClass == .access && b.lineClass == .access)
        #expect(a.record.flags == b.record.flags)
        #expect(a.record.flags.sortedShortNames == ["UF", "URX"])
        #expect(a.text(.responseCodeDetails) == details)
        #expect(a.text(.upstreamTransportFailureReason) == "delayed_connect_error:_Connection_refused")
        #expect(a.record.upstreamServiceTimeMs == -1)
        #expect(a.text(.upstreamLocalAddress) == nil)
        #expect(b.record.bytesSent == 145)
    }

    @Test func tcpLineHasCodeZeroAndDashes() {
        let p = FormatFixture.parse(#"[2024-05-14T09:22:00.000Z] "- - -" 0 - - - "-" 1280 5632 60012 - "-" "-" "-" "-" "10.244.4.4:5432" outbound|5432||postgres.db.svc.cluster.local 10.244.2.5:38000 10.96.50.50:5432 10.244.2.5:37999 - -"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istio19Plus)
        #expect(p.record.responseCode == 0)
        #expect(p.text(.method) == nil && p.text(.path) == nil && p.text(.protocol) == nil)
        #expect(p.bytes.withUnsafeBytes { p.record.isTCP(in: $0) })
        #expect(p.record.durationMs == 60012)
        #expect(p.text(.upstreamHost) == "10.244.4.4:5432")
        #expect(p.text(.routeName) == nil)
    }

    @Test func codecErrorRequestLineWithoutMethodAndPath() {
        let p = FormatFixture.parse(#"[2024-03-01T10:00:00.000Z] "- - HTTP/1.1" 400 DPE http1.codec_error - "-" 0 11 0 - "-" "-" "-" "-" "-" - - 10.244.0.5:8080 10.244.0.1:50000 - -"#)
        #expect(p.lineClass == .access)
        #expect(p.text(.protocol) == "HTTP/1.1")
        #expect(p.text(.method) == nil)
        #expect(p.record.flags == ResponseFlags(.downstreamProtocolError))
        #expect(p.text(.responseCodeDetails) == "http1.codec_error")
    }

    @Test func ipv6HostsEmptyXFFAndEscapedQuotesInUserAgent() {
        let p = FormatFixture.parse(#"[2024-02-03T04:05:06.789Z] "GET /healthz HTTP/2" 200 - via_upstream - "-" 0 2 1 1 "" "probe \"v2\" (k8s)" "7f0c" "api.example.com" "[2001:db8:8:c202::5]:8001" outbound|8001||api.prod.svc.cluster.local [2001:db8::9]:40000 [2001:db8::10]:8001 [2001:db8::1]:54321 - default"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istio19Plus)
        #expect(p.text(.xForwardedFor) == "")
        #expect(p.record.escaped)
        #expect(p.text(.userAgent) == #"probe "v2" (k8s)"#)
        #expect(p.text(.upstreamHost) == "[2001:db8:8:c202::5]:8001")
        #expect(p.text(.downstreamRemoteAddress) == "[2001:db8::1]:54321")
        #expect(p.text(.upstreamLocalAddress) == "[2001:db8::9]:40000")
        #expect(p.text(.routeName) == "default")
    }

    @Test func istio123ClusterLosesTrailingSemicolon() {
        let p = FormatFixture.parse(#"[2024-09-01T00:00:00.000Z] "GET / HTTP/1.1" 200 - via_upstream - "-" 0 10 1 1 "-" "curl/8" "id" "web" "10.0.0.9:80" outbound|80||web.default.svc.cluster.local; 10.0.0.1:1 10.0.0.2:80 10.0.0.1:2 - default"#)
        #expect(p.text(.upstreamCluster) == "outbound|80||web.default.svc.cluster.local")
    }

    @Test func istio19WithoutRouteName() {
        let p = FormatFixture.parse(#"[2021-06-01T00:00:00.000Z] "GET /a HTTP/1.1" 404 NR route_not_found - "-" 0 0 0 - "-" "curl/7" "id" "a" "-" - - 10.0.0.2:80 10.0.0.1:2 -"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istio19Plus)
        #expect(p.record.flags == ResponseFlags(.noRouteFound))
        #expect(p.has(.routeName) && p.text(.routeName) == nil)
    }

    @Test func istio13to17() {
        let p = FormatFixture.parse(#"[2020-08-12T10:15:30.123Z] "GET /productpage HTTP/1.1" 200 - "-" "-" 0 5183 42 41 "-" "curl/7.64.0" "8a3c1c2f-1111-2222-3333-444455556666" "productpage:9080" "10.1.2.3:9080" outbound|9080||productpage.default.svc.cluster.local 10.1.0.5:43210 10.0.0.20:9080 10.1.0.5:43208 - default"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istio13to17)
        #expect(p.record.bytesSent == 5183)
        #expect(p.record.upstreamServiceTimeMs == 41)
        #expect(p.text(.upstreamTransportFailureReason) == nil)
        #expect(p.extra(TextLayout.mixerStatusName) == "-")
        #expect(p.text(.routeName) == "default")
        #expect(!p.has(.responseCodeDetails))
    }

    @Test func istio18() {
        let p = FormatFixture.parse(#"[2021-01-20T08:00:00.000Z] "GET /status/418 HTTP/1.1" 418 - "-" 0 135 3 2 "-" "curl/7.74.0" "c0ffee00-aaaa" "httpbin:8000" "10.44.0.7:80" outbound|8000||httpbin.default.svc.cluster.local 10.44.0.5:40000 10.96.1.1:8000 10.44.0.5:39998 - default"#)
        #expect(p.format == .istio18)
        #expect(p.record.responseCode == 418)
        #expect(p.record.bytesSent == 135)
        #expect(p.text(.routeName) == "default")
        #expect(p.record.extraFields.isEmpty)
    }

    @Test func istio18EmptyRouteNameLeavesTrailingSpace() {
        let p = FormatFixture.parse(#"[2021-01-20T08:00:01.000Z] "GET /headers HTTP/1.1" 200 - "-" 0 520 4 3 "-" "curl/7.74.0" "d0d0" "httpbin:8000" "10.44.0.7:80" outbound|8000||httpbin.default.svc.cluster.local 10.44.0.5:40002 10.96.1.1:8000 10.44.0.5:51981 - "#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istio18)
        #expect(p.text(.downstreamRemoteAddress) == "10.44.0.5:51981")
        #expect(p.has(.routeName) && p.text(.routeName) == nil)
        #expect(p.record.bytesSent == 520)
    }

    @Test func istio12() {
        let p = FormatFixture.parse(#"[2019-07-01T12:00:00.000Z] "GET /reviews/0 HTTP/1.1" 503 UF "-" "connection_failure" 0 91 6 - "-" "Apache-CXF/3.1.18" "3e1f" "reviews:9080" "172.17.0.12:9080" outbound|9080|v2|reviews.default.svc.cluster.local - 10.106.1.1:9080 172.17.0.9:50000 -"#)
        #expect(p.format == .istio12)
        #expect(p.record.flags == ResponseFlags(.upstreamConnectionFailure))
        #expect(p.text(.upstreamTransportFailureReason) == "connection_failure")
        #expect(p.text(.upstreamCluster) == "outbound|9080|v2|reviews.default.svc.cluster.local")
        #expect(!p.has(.routeName))
    }

    @Test func istio11AndThePreReleaseSnapshot() {
        let v11 = FormatFixture.parse(#"[2019-03-20T16:40:11.054Z] "GET /ratings/0 HTTP/1.1" 200 - "-" 0 48 2 1 "-" "Apache-CXF/3.1.18" "9a8b" "ratings:9080" "172.17.0.15:9080" outbound|9080||ratings.default.svc.cluster.local - 10.0.0.30:9080 172.17.0.12:58852 -"#)
        #expect(v11.format == .istio11)
        #expect(v11.record.bytesSent == 48)
        #expect(v11.text(.downstreamRemoteAddress) == "172.17.0.12:58852")
        let pre = FormatFixture.parse(#"[2019-01-24T20:30:40.285Z] "GET /ip HTTP/1.1" 200 - 0 28 1 0 "-" "curl/7.60.0" "4bd7" "httpbin.org" "54.175.222.246:80" outbound|80||httpbin.org - 54.175.222.246:80 172.30.146.73:39434 -"#)
        #expect(pre.format == .istio11Snapshot)
        #expect(pre.record.durationMs == 1)
        #expect(pre.text(.upstreamCluster) == "outbound|80||httpbin.org")
    }

    @Test func envoyDefaultFormat() {
        let p = FormatFixture.parse(#"[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80""#)
        #expect(p.lineClass == .access)
        #expect(p.format == .envoyDefault)
        #expect(p.record.responseCode == 204)
        #expect(p.record.bytesReceived == 154)
        #expect(p.record.durationMs == 226)
        #expect(p.text(.xForwardedFor) == "10.0.35.28")
        #expect(p.text(.upstreamHost) == "tcp://10.0.2.1:80")
        #expect(!p.has(.upstreamCluster))
    }
}
