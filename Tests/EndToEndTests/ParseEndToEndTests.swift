import Foundation
import Testing

/// `meshlog parse`: NDJSON with Istio's JSON keys.
@Suite struct ParseEndToEndTests {
    static let line = #"[2024-05-06T07:08:09.123Z] "POST /shop.orders.v1.OrderService/PlaceOrder HTTP/2" 200 UF,URX upstream_reset_before_response_started{remote_connection_failure} - "-" 112 45 12 11 "-" "grpc-go/1.62.1" "7f1c2a9e-0000-4000-8000-000000000001" "orders.shop.svc.cluster.local:50051" "10.244.1.17:50051" outbound|50051||orders.shop.svc.cluster.local 10.244.2.5:41822 10.96.12.34:50051 10.244.2.5:50312 - default"#

    @Test func printsOneObjectPerAccessRecordWithIstioKeys() throws {
        let input = "[pod/frontend-7d9f/istio-proxy] " + Self.line + "\n2024-05-06T07:08:09.123456Z\tinfo\tEnvoy proxy is ready\n"
        let outcome = try MeshlogProcess.run(["parse"], stdin: Data(input.utf8))
        #expect(outcome.status == 0)
        let rows = outcome.stdout.split(separator: "\n")
        #expect(rows.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any])
        #expect(object["response_code"] as? Int == 200)
        #expect(object["response_flags"] as? [String] == ["UF", "URX"])
        #expect(object["duration"] as? Int == 12)
        #expect(object["upstream_service_time"] as? String == "11")
        #expect(object["upstream_cluster"] as? String == "outbound|50051||orders.shop.svc.cluster.local")
        #expect(object["x_forwarded_for"] is NSNull)
        #expect(object["requested_server_name"] is NSNull)
        #expect(object["route_name"] as? String == "default")
        #expect(object["format"] as? String == "istio-1.9")
        #expect(object["source"] as? String == "frontend-7d9f")
        for key in ["start_time", "method", "path", "protocol", "response_code_details", "connection_termination_details",
                    "upstream_transport_failure_reason", "bytes_received", "bytes_sent", "user_agent", "request_id",
                    "authority", "upstream_host", "upstream_local_address", "downstream_local_address",
                    "downstream_remote_address"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(!object.keys.contains("grpc_status"), "the 1.9 format has no grpc status")
    }
}
