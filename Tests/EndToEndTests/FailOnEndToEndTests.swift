import Foundation
import Testing

/// Issue 12: a CI canary gate built on `meshlog report --fail-on warning` must pass on healthy
/// traffic in every format the generator writes, including Istio's default format (no
/// %GRPC_STATUS%) with 100 % gRPC traffic; advice is reported but never fails the gate.
@Suite struct FailOnEndToEndTests {
    static let formats = ["istio11Pre", "istio11", "istio12", "istio13", "istio18", "istio19", "istio123",
                          "envoyDefault", "jsonStrings", "jsonTyped"]

    @Test(arguments: formats)
    func healthyTrafficPassesFailOnWarning(_ format: String) throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("healthy.log")
        let generated = try MeshlogProcess.run(["generate", "--lines", "4000", "--seed", "5", "--format", format,
                                                "--output", file.path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let report = try MeshlogProcess.run(["report", "--fail-on", "warning", file.path])
        #expect(report.status == 0, "\(format): \(report.stdout)")
    }

    /// A pure-gRPC service logged in Istio's default text format (1.9+, no %GRPC_STATUS%).
    @Test func pureGRPCInTheDefaultIstioFormatPassesAndTheAdviceIsShown() throws {
        let dir = try MeshlogProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("grpc.log")
        var text = ""
        for i in 0..<600 {
            let ms = 100 + i % 900
            let host = "10.244.1.\(10 + i % 3):50051"
            text += "[2024-05-01T10:00:\(String(format: "%02d", i / 10 % 60)).\(String(format: "%03d", ms))Z] "
                + "\"POST /orders.OrderService/GetOrder HTTP/2\" 200 - via_upstream - \"-\" 120 91 \(3 + i % 7) 2 \"-\" "
                + "\"grpc-go/1.60.1\" \"5d3c1c7e-9f7e-4d55-9a2a-\(String(format: "%012d", i))\" \"orders.shop.svc.cluster.local:50051\" "
                + "\"\(host)\" outbound|50051||orders.shop.svc.cluster.local 10.244.0.5:41234 10.96.12.34:50051 "
                + "10.244.0.5:\(40_000 + i) - default\n"
        }
        try Data(text.utf8).write(to: file)
        let gate = try MeshlogProcess.run(["report", "--fail-on", "warning", "--width", "120", file.path])
        #expect(gate.status == 0, "\(gate.stdout)")
        #expect(gate.stdout.contains("grpc-status-not-logged"), "the advice is still reported")
        #expect(gate.stdout.contains("Logging and configuration advice"))
        let json = try MeshlogProcess.run(["report", "--output", "json", "--fail-on", "warning", file.path])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let advice = try #require(findings.first { $0["id"] as? String == "grpc-status-not-logged" })
        #expect(advice["kind"] as? String == "advice")
        #expect(advice["severity"] as? String == "info")
    }
}
