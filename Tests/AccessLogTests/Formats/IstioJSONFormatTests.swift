import Testing
@testable import AccessLog

@Suite struct IstioJSONFormatTests {
    static let typed = #"{"authority":"reviews:9080","bytes_received":0,"bytes_sent":358,"connection_termination_details":null,"downstream_local_address":"10.96.1.2:9080","downstream_remote_address":"10.244.0.9:44444","duration":7,"method":"GET","path":"/reviews/0","protocol":"HTTP/1.1","request_id":"6f1c9a2e-4b1d","requested_server_name":null,"response_code":200,"response_code_details":"via_upstream","response_flags":"-","route_name":"default","start_time":"2024-01-02T03:04:05.678Z","upstream_cluster":"outbound|9080|v1|reviews.default.svc.cluster.local","upstream_host":"10.244.1.3:9080","upstream_local_address":"10.244.0.9:33333","upstream_service_time":"6","upstream_transport_failure_reason":null,"user_agent":"Mozilla/5.0 \"x\" caf\u00e9","x_forwarded_for":null}"#

    @Test func typedJSONFromIstio19Plus() {
        let p = FormatFixture.parse(Self.typed)
        #expect(p.lineClass == .access)
        #expect(p.format == .istioJSONTyped)
        #expect(p.record.responseCode == 200)
        #expect(p.record.bytesSent == 358)
        #expect(p.record.durationMs == 7)
        #expect(p.record.upstreamServiceTimeMs == 6)
        #expect(p.record.startTimeMs == 1_704_164_645_678)
        #expect(p.record.flags == [])
        #expect(p.text(.method) == "GET")
        #expect(p.text(.path) == "/reviews/0")
        #expect(p.text(.upstreamCluster) == "outbound|9080|v1|reviews.default.svc.cluster.local")
        #expect(p.text(.xForwardedFor) == nil)
        #expect(p.text(.connectionTerminationDetails) == nil)
        #expect(p.record.escaped)
        #expect(p.text(.userAgent) == "Mozilla/5.0 \"x\" café")
    }

    @Test func keyOrderDoesNotMatterAndWhitespaceIsAllowed() {
        let shuffled = #"{ "response_flags" : "UF,URX", "upstream_cluster" : "outbound|80||a.b.svc.cluster.local",  "start_time":"2024-01-02T03:04:05.678Z" , "response_code" : 503,"duration":30, "method":"POST","path":"/pay","protocol":"HTTP/2" }"#
        let p = FormatFixture.parse(shuffled)
        #expect(p.lineClass == .access)
        #expect(p.format == .istioJSONTyped)
        #expect(p.record.responseCode == 503)
        #expect(p.record.flags.sortedShortNames == ["UF", "URX"])
        #expect(p.record.durationMs == 30)
        #expect(p.text(.protocol) == "HTTP/2")
    }

    @Test func floatNumbersFromIstio122AreIntegers() {
        let p = FormatFixture.parse(#"{"bytes_received":0.0,"bytes_sent":19.0,"duration":1.0,"method":"GET","path":"/","response_code":503.0,"response_flags":"UH","start_time":"2024-06-01T00:00:00.000Z","upstream_host":null}"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istioJSONTyped)
        #expect(p.record.responseCode == 503)
        #expect(p.record.bytesSent == 19)
        #expect(p.record.durationMs == 1)
        #expect(p.text(.upstreamHost) == nil)
    }

    @Test func allStringJSONFromIstio17AndEarlier() {
        let p = FormatFixture.parse(#"{"authority":"ratings:9080","bytes_received":"0","bytes_sent":"48","downstream_local_address":"10.0.0.30:9080","downstream_remote_address":"172.17.0.12:58852","duration":"2","istio_policy_status":"\"UNAVAILABLE:no healthy upstream\"","method":"GET","path":"/ratings/0","protocol":"HTTP/1.1","request_id":"9a8b","requested_server_name":"-","response_code":"503","response_flags":"UF,URX","route_name":"default","start_time":"2020-03-05T10:00:00.000Z","upstream_cluster":"outbound|9080||ratings.default.svc.cluster.local","upstream_host":"172.17.0.15:9080","upstream_local_address":"-","upstream_service_time":"-","upstream_transport_failure_reason":"-","user_agent":"curl/7.64.0","x_forwarded_for":"-"}"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istioJSONStrings)
        #expect(p.record.responseCode == 503)
        #expect(p.record.bytesSent == 48)
        #expect(p.record.upstreamServiceTimeMs == -1)
        #expect(p.text(.upstreamLocalAddress) == nil)
        #expect(p.text(.requestedServerName) == nil)
        #expect(p.record.flags.sortedShortNames == ["UF", "URX"])
        #expect(p.extra("istio_policy_status") == "\"UNAVAILABLE:no healthy upstream\"")
    }

    @Test func istio11MethodCarriesTheStartTime() {
        let p = FormatFixture.parse(#"{"start_time":"2019-03-20T16:40:11.054Z","method":"2019-03-20T16:40:11.054Z","path":"/ratings/0","protocol":"HTTP/1.1","response_code":"200","response_flags":"-","bytes_received":"0","bytes_sent":"48","duration":"2","upstream_cluster":"outbound|9080||ratings.default.svc.cluster.local","istio_policy_status":"-"}"#)
        #expect(p.lineClass == .access)
        #expect(p.format == .istioJSONStrings)
        #expect(p.text(.method) == nil)
        #expect(p.record.startTimeMs == 1_553_100_011_054)
        #expect(p.text(.path) == "/ratings/0")
    }

    @Test func grpcStatusAttemptCountAndUnknownKeys() {
        let p = FormatFixture.parse(#"{"start_time":"2025-12-01T00:00:00.000Z","method":"POST","path":"/shop.Cart/AddItem","protocol":"HTTP/2","response_code":200,"response_flags":"URX","grpc_status":"Unavailable","upstream_request_attempt_count":3,"connection_id":4711,"x_b3_traceid":"80f198ee56343ba8"}"#)
        #expect(p.lineClass == .access)
        #expect(p.record.grpcStatus == 14)
        #expect(p.record.attemptCount == 3)
        #expect(p.extra("connection_id") == "4711")
        #expect(p.extra("x_b3_traceid") == "80f198ee56343ba8")
        #expect(p.grpcMethod == "/shop.Cart/AddItem")
    }

    @Test func applicationAndOtherJSONAreNotAccess() {
        let app = FormatFixture.parse(#"{"level":"info","time":"2024-01-02T03:04:05.123456Z","scope":"envoy main","msg":"initializing epoch 0","caller":"external/envoy/source/server/server.cc:456","thread":15}"#)
        #expect(app.lineClass == .nonAccess(.jsonApplication))
        let docker = FormatFixture.parse(#"{"log":"hello world\n","stream":"stdout","time":"2024-01-02T03:04:05.123Z"}"#)
        #expect(docker.lineClass == .nonAccess(.other))
    }

    @Test func brokenJSONThatStartsLikeARecordIsMalformed() {
        let truncated = FormatFixture.parse(#"{"start_time":"2024-01-02T03:04:05.678Z","method":"GET","path":"/a"#)
        #expect(truncated.lineClass == .malformed(.badJSON))
        let missingComma = FormatFixture.parse(#"{"response_code":200 "duration":3}"#)
        #expect(missingComma.lineClass == .malformed(.badJSON))
        let fragment = FormatFixture.parse("{")
        #expect(fragment.lineClass == .nonAccess(.continuation))
    }

    @Test func nestedValuesAreSkippedWhole() {
        let p = FormatFixture.parse(#"{"response_code":200,"method":"GET","meta":{"a":[1,2,{"b":"}"}]},"path":"/x"}"#)
        #expect(p.lineClass == .access)
        #expect(p.extra("meta") == #"{"a":[1,2,{"b":"}"}]}"#)
        #expect(p.text(.path) == "/x")
    }
}
