import Foundation
import Testing
import TrafficGenerator

@Suite struct GeneratorFormatTests {
    /// Token counts from the format reference §1.2 (customGrpc: the 1.23 format + 2 fields).
    static let expectedTokens: [OutputFormat: Int] = [
        .istio11Pre: 18, .istio11: 19, .istio12: 20, .istio13: 21, .istio18: 20, .istio19: 22, .istio123: 22,
        .envoyDefault: 13, .customGrpc: 24,
    ]

    @Test(arguments: OutputFormat.allCases.filter { !$0.isJSON })
    func textLinesHaveTheVersionsTokenCount(format: OutputFormat) throws {
        let log = GeneratedLog(lines: 3000, output: format, scenario: .passthroughTraffic)
        let access = log.accessLines
        #expect(access.count > 2500)
        let expected = try #require(GeneratorFormatTests.expectedTokens[format])
        for line in access {
            #expect(line.tokens.count == expected, "\(line.tokens.joined(separator: " "))")
        }
        // TCP lines are present in every format.
        #expect(access.contains { $0.tokens[1] == "\"- - -\"" && $0.tokens[2] == "0" })
    }

    @Test func istio18PrintsAnEmptyRouteNameForTCP() throws {
        let log = GeneratedLog(lines: 3000, output: .istio18)
        let tcp = try #require(log.lines.first { $0.contains("\"- - -\"") })
        #expect(tcp.hasSuffix(" "))
        #expect(GeneratedLog.tokenize(Substring(tcp)).last == "")
        #expect(log.lines.contains { $0.contains("\"GET ") && $0.hasSuffix(" default") })
    }

    @Test func formatStringsMatchTheReference() throws {
        // Istio 1.9–1.22 default (reference §1.1), and the custom format built on 1.23's.
        #expect(OutputFormat.istio19.formatString == #"[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%"#)
        #expect(OutputFormat.istio11.formatString == #"[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% "%DYNAMIC_METADATA(istio.mixer:status)%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME%"#)
        #expect(OutputFormat.envoyDefault.formatString == #"[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%""#)
        let custom = try #require(OutputFormat.customGrpc.customFormatString)
        #expect(custom.hasSuffix("%ROUTE_NAME% %GRPC_STATUS% %UPSTREAM_REQUEST_ATTEMPT_COUNT%"))
        #expect(custom.contains("%UPSTREAM_CLUSTER_RAW%"))
        #expect(OutputFormat.istio19.customFormatString == nil)
        // Every text format string has exactly as many fields as its lines have tokens.
        for format in OutputFormat.allCases where !format.isJSON {
            let fields = GeneratedLog.tokenize(Substring(try #require(format.formatString)))
            #expect(fields.count == GeneratorFormatTests.expectedTokens[format], "\(format)")
        }
    }

    static let typedKeys: Set<String> = [
        "start_time", "route_name", "method", "path", "protocol", "response_code", "response_flags",
        "response_code_details", "connection_termination_details", "bytes_received", "bytes_sent", "duration",
        "upstream_service_time", "x_forwarded_for", "user_agent", "request_id", "authority", "upstream_host",
        "upstream_cluster", "upstream_local_address", "downstream_local_address", "downstream_remote_address",
        "requested_server_name", "upstream_transport_failure_reason",
    ]
    static let stringKeys: Set<String> = [
        "start_time", "method", "path", "protocol", "response_code", "response_flags", "bytes_received",
        "bytes_sent", "duration", "upstream_service_time", "x_forwarded_for", "user_agent", "request_id",
        "authority", "upstream_host", "upstream_cluster", "upstream_local_address", "downstream_local_address",
        "downstream_remote_address", "requested_server_name", "istio_policy_status",
        "upstream_transport_failure_reason", "route_name",
    ]

    private func jsonObjects(_ log: GeneratedLog) throws -> [[String: Any]] {
        try log.lines.filter { $0.hasPrefix("{") }.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "\(line)")
        }
    }

    @Test func typedJSONHasTheIstio19KeySetAndTypes() throws {
        let log = GeneratedLog(lines: 3000, output: .jsonTyped, scenario: .upstreamConnectFailure)
        let objects = try jsonObjects(log)
        let access = objects.filter { $0["level"] == nil }
        #expect(access.count > 2500)
        var orders = Set<String>()
        for object in access {
            #expect(Set(object.keys) == GeneratorFormatTests.typedKeys)
            #expect(object["response_code"] is NSNumber)
            #expect(object["duration"] is NSNumber)
            #expect(object["bytes_sent"] is NSNumber)
            #expect(object["response_flags"] is String)
            #expect(object["upstream_service_time"] is String || object["upstream_service_time"] is NSNull)
            #expect(!(object["method"] is String && object["method"] as? String == "-"))
        }
        for line in log.lines where line.hasPrefix("{\"") && !line.contains("\"level\"") {
            orders.insert(String(line.dropFirst(2).prefix { $0 != "\"" }))
        }
        #expect(orders.count >= 2, "key order varies between lines")
        #expect(access.contains { $0["method"] is NSNull && ($0["response_code"] as? Int) == 0 })
        #expect(access.contains { ($0["response_flags"] as? String) == "UF" })
        // Proxy log lines in JSON mode are Envoy/pilot-agent app logs (level + msg), not access records.
        #expect(objects.contains { $0["level"] is String && $0["msg"] is String })
    }

    @Test func stringJSONHasTheIstio13KeySetWithStringValues() throws {
        let log = GeneratedLog(lines: 2000, output: .jsonStrings, scenario: .circuitBreakerOverflow)
        let objects = try jsonObjects(log)
        #expect(objects.count > 1900)
        for object in objects {
            #expect(Set(object.keys) == GeneratorFormatTests.stringKeys)
            for value in object.values { #expect(value is String) }
        }
        #expect(objects.contains { ($0["response_flags"] as? String) == "UO" })
        #expect(objects.allSatisfy { ($0["istio_policy_status"] as? String) == "-" })
    }

    @Test func customGrpcLogsStatusAndAttempts() {
        let access = GeneratedLog(lines: 3000, output: .customGrpc).accessLines
        let grpc = access.filter { $0.isHTTP2 && $0.method == "POST" }
        #expect(!grpc.isEmpty)
        #expect(grpc.allSatisfy { ["OK", "NotFound", "InvalidArgument", "FailedPrecondition", "Unavailable", "-"].contains($0.grpcStatus) })
        #expect(access.filter { !$0.isHTTP2 }.allSatisfy { $0.grpcStatus == "-" })
        #expect(access.allSatisfy { (0...3).contains($0.attempts) })
    }

    @Test func olderDialectsUseOldInboundClustersAndNewerUseShortOnes() {
        // Istio 1.3–1.7 layout: the cluster is token 16 (index 15) and the inbound host is 127.0.0.1.
        let old = GeneratedLog(lines: 1500, output: .istio13).accessLines
        #expect(old.contains { $0.tokens[15] == "inbound|50051|grpc|orders.shop.svc.cluster.local" })
        #expect(old.contains { $0.tokens[14] == "\"127.0.0.1:50051\"" })
        #expect(!old.contains { $0.tokens[15].hasSuffix("||") })
        let new = GeneratedLog(lines: 1500, output: .istio123).accessLines
        #expect(new.contains { $0.cluster == "inbound|50051||" })
    }

    @Test func grpcEnvoyFailuresAreHTTP200AndHTTPOnesAre503() {
        let access = GeneratedLog(lines: 6000, output: .istio123, scenario: .circuitBreakerOverflow).accessLines
        let overflow = access.filter { $0.flags == "UO" }
        #expect(overflow.contains { $0.isHTTP2 })
        #expect(overflow.filter(\.isHTTP2).allSatisfy { $0.code == 200 && $0.bytesSent == 0 })
        #expect(overflow.filter { !$0.isHTTP2 }.allSatisfy { $0.code == 503 && $0.bytesSent == 81 })
        #expect(overflow.allSatisfy { $0.details == "upstream_reset_before_response_started{overflow}" && $0.host == "-" })
    }
}
