import Testing
@testable import AccessLog

@Suite struct CustomFormatTests {
    static let istioPlusExtras = #"[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(USER-AGENT)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER% %UPSTREAM_REQUEST_ATTEMPT_COUNT% %GRPC_STATUS% %CONNECTION_ID% "%DYNAMIC_METADATA(istio.mixer:status)%" %REQ(X-B3-TRACEID)%\n"#

    @Test func textFormatWithKnownAndUnknownOperators() throws {
        var parser = try LineParser(customFormat: Self.istioPlusExtras)
        let p = FormatFixture(#"[2025-12-02T01:02:03.004Z] "POST /shop.Cart/AddItem HTTP/2" 200 URX via_upstream "-" 12 0 95 90 "grpc-go/1.60 \"beta\"" "cart:7070" "10.244.1.4:7070" outbound|7070||cart.shop.svc.cluster.local; 3 Unavailable 8812 "-" 80f198ee56343ba8"#, parser: &parser)
        #expect(p.lineClass == .access)
        #expect(p.format == .custom)
        #expect(p.text(.path) == "/shop.Cart/AddItem")
        #expect(p.record.flags == ResponseFlags(.upstreamRetryLimitExceeded))
        #expect(p.record.upstreamServiceTimeMs == 90)
        #expect(p.record.escaped)
        #expect(p.text(.userAgent) == #"grpc-go/1.60 "beta""#)
        #expect(p.text(.upstreamCluster) == "outbound|7070||cart.shop.svc.cluster.local")
        #expect(p.record.attemptCount == 3)
        #expect(p.record.grpcStatus == 14)
        #expect(p.extra("CONNECTION_ID") == "8812")
        #expect(p.extra("DYNAMIC_METADATA(istio.mixer:status)") == "-")
        #expect(p.extra("REQ(X-B3-TRACEID)") == "80f198ee56343ba8")
        #expect(p.record.startTimeMs == 1_764_637_323_004)
        #expect(p.grpcMethod == "/shop.Cart/AddItem")
    }

    @Test func linesThatDoNotMatchFallBackToAutoDetection() throws {
        var parser = try LineParser(customFormat: Self.istioPlusExtras)
        let p = FormatFixture(#"[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0" "locations" "tcp://10.0.2.1:80""#, parser: &parser)
        #expect(p.lineClass == .access)
        #expect(p.format == .envoyDefault)
        #expect(p.record.bytesReceived == 154)
        #expect(p.record.extraFields.isEmpty)
        let agent = FormatFixture("2024-01-02T03:04:05.123456Z\tinfo\tEnvoy proxy is ready", parser: &parser)
        #expect(agent.lineClass == .nonAccess(.istioAgent))
    }

    @Test func startTimeAsEpochSeconds() throws {
        var parser = try LineParser(customFormat: "%START_TIME(%s)% %REQ(:METHOD)% %REQ(:PATH)% %RESPONSE_CODE% %RESPONSE_FLAGS_LONG% %DURATION%")
        let p = FormatFixture("1704164645 GET /x 503 UpstreamConnectionFailure,UpstreamRetryLimitExceeded 12", parser: &parser)
        #expect(p.lineClass == .access)
        #expect(p.format == .custom)
        #expect(p.record.startTimeMs == 1_704_164_645_000)
        #expect(p.record.flags.sortedShortNames == ["UF", "URX"])
        #expect(p.record.durationMs == 12)
        let notNumeric = FormatFixture("1704164645 GET /x abc - 12", parser: &parser)
        #expect(notNumeric.lineClass != .access)
    }

    @Test func startTimeWithMillisecondsAndStrftime() throws {
        var millis = try LineParser(customFormat: "%START_TIME(%s.%3f)% %RESPONSE_CODE%")
        #expect(FormatFixture("1704164645.678 200", parser: &millis).record.startTimeMs == 1_704_164_645_678)
        var strftime = try LineParser(customFormat: "%START_TIME(%Y-%m-%dT%H:%M:%S%z)% %RESPONSE_CODE% %UPSTREAM_HOST%")
        let p = FormatFixture("2024-01-02T05:04:05+0200 200 10.0.0.1:80", parser: &strftime)
        #expect(p.lineClass == .access)
        #expect(p.record.startTimeMs == 1_704_164_645_000)
        #expect(p.text(.upstreamHost) == "10.0.0.1:80")
        var spaced = try LineParser(customFormat: "%START_TIME(%Y/%m/%d %H:%M:%S)% %RESPONSE_CODE%")
        let q = FormatFixture("2024/01/02 03:04:05 404", parser: &spaced)
        #expect(q.record.startTimeMs == 1_704_164_645_000)
        #expect(q.record.responseCode == 404)
    }

    @Test func longSpellingsLowerCaseHeadersAndTruncation() throws {
        var parser = try LineParser(customFormat: #"%REQUEST_HEADER(:method)% %REQ(:path)% "%REQ(user-agent):10%" %RESPONSE_HEADER(x-envoy-upstream-service-time)% %GRPC_STATUS(NUMBER)% %UPSTREAM_CLUSTER_RAW%"#)
        let p = FormatFixture(#"GET /a "curl/8.5.0" 7 2 outbound|80||a.ns.svc.cluster.local"#, parser: &parser)
        #expect(p.lineClass == .access)
        #expect(p.text(.method) == "GET")
        #expect(p.text(.path) == "/a")
        #expect(p.text(.userAgent) == "curl/8.5.0")
        #expect(p.record.upstreamServiceTimeMs == 7)
        #expect(p.record.grpcStatus == 2)
        #expect(p.text(.upstreamCluster) == "outbound|80||a.ns.svc.cluster.local")
    }

    @Test func jsonObjectFormat() throws {
        var parser = try LineParser(customFormat: #"{"code":"%RESPONSE_CODE%","flags":"%RESPONSE_FLAGS%","cluster":"%UPSTREAM_CLUSTER%","host":"%UPSTREAM_HOST%","ts":"%START_TIME(%s.%3f)%","trace":"%REQ(X-B3-TRACEID)%","req":"%REQ(:METHOD)% %REQ(:PATH)%"}"#)
        let p = FormatFixture(#"{"code":503,"flags":"UF","cluster":"outbound|80||a.b.svc.cluster.local;","host":"10.0.0.1:80","ts":"1704164645.678","trace":"abc","req":"GET /x"}"#, parser: &parser)
        #expect(p.lineClass == .access)
        #expect(p.format == .custom)
        #expect(p.record.responseCode == 503)
        #expect(p.record.flags == ResponseFlags(.upstreamConnectionFailure))
        #expect(p.text(.upstreamCluster) == "outbound|80||a.b.svc.cluster.local")
        #expect(p.text(.upstreamHost) == "10.0.0.1:80")
        #expect(p.record.startTimeMs == 1_704_164_645_678)
        #expect(p.extra("trace") == "abc")
        #expect(p.extra("req") == "GET /x")
        // A standard Istio JSON line still parses with its own keys.
        let istio = FormatFixture(IstioJSONFormatTests.typed, parser: &parser)
        #expect(istio.lineClass == .access)
        #expect(istio.format == .istioJSONTyped)
        #expect(istio.record.bytesSent == 358)
    }

    @Test func adjacentOperatorsAndPercentEscape() throws {
        var parser = try LineParser(customFormat: "%RESPONSE_CODE%%RESPONSE_FLAGS% 100%% %DURATION%")
        let p = FormatFixture("503UH 100% 4", parser: &parser)
        #expect(p.lineClass == .access)
        #expect(p.record.responseCode == 503)
        #expect(p.record.flags == ResponseFlags(.noHealthyUpstream))
        #expect(p.record.durationMs == 4)
    }

    @Test func brokenJSONFormatObjectsNameTheColumn() {
        // The column is where the JSON scanner stopped: compact members read by its fast path
        // must stop where the general grammar does.
        for (format, column) in [(#"{"a":"%START_TIME%","b""#, 24), (#"{"a":"%START_TIME%","b":"x"#, 25),
                                 (#"{"a":"%START_TIME%",}"#, 21), (#"{"a":"%START_TIME%","b":nul}"#, 25),
                                 (#"{"a":"%START_TIME%"} x"#, 22)] {
            do {
                _ = try LineParser(customFormat: format)
                Issue.record("\(format) compiled")
            } catch {
                #expect(error.column == column, "\(format)")
                #expect(error.message == "invalid JSON format object")
            }
        }
    }
}
