import Foundation
import Testing

/// The binary on the real Envoy 1.40 client-cancelled capture (SampleLogs/real-envoy): the client's
/// and the server's sidecar both logged `0 DR http2.remote_reset` for each cancelled call, and the
/// report names the event once. Also: one far-off timestamp does not stretch the timeline.
@Suite struct CancelPairingEndToEndTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleLogs/real-envoy")
    static let outbound = "outbound|50051||orders.shop.svc.cluster.local"
    static let inbound = "inbound|50051||"

    func formatArguments(_ format: String) throws -> [String] {
        guard format == "custom-grpc" else { return [] }
        let text = try String(contentsOf: Self.directory.appendingPathComponent("custom-grpc.format"), encoding: .utf8)
        return ["--format", text.trimmingCharacters(in: .newlines)]
    }

    func lines(_ format: String) throws -> [String] {
        let url = Self.directory.appendingPathComponent("client-cancelled.\(format).log")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// `meshlog report --output json` over `files` (each given as its lines).
    func report(_ files: [[String]], format: String) throws -> [String: Any] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-cancel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (i, lines) in files.enumerated() {
            let url = dir.appendingPathComponent("part\(i).log")
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let outcome = try MeshlogProcess.run(["report", "--output", "json"] + formatArguments(format) + paths)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    func cancelFindings(_ report: [String: Any]) -> [[String: Any]] {
        ((report["findings"] as? [[String: Any]]) ?? []).filter { $0["id"] as? String == "client-cancelled" }
    }

    func facts(_ finding: [String: Any]) -> [String: String] {
        let list = ((finding["evidence"] as? [String: Any])?["facts"] as? [[String: Any]]) ?? []
        return Dictionary(list.compactMap { f in (f["label"] as? String).map { ($0, f["value"] as? String ?? "") } },
                          uniquingKeysWith: { a, _ in a })
    }

    /// 22 calls cancelled: the client's sidecar logged DR for all 22, the server's for 19 of them (the
    /// other 3 the server answered DEADLINE_EXCEEDED itself first). One finding, 22 events.
    func expectOneFinding(_ report: [String: Any]) throws {
        let findings = cancelFindings(report)
        try #require(findings.count == 1, "\(findings.map { $0["subject"] ?? "" })")
        let f = findings[0]
        #expect(f["subject"] as? String == Self.outbound)
        #expect((f["title"] as? String)?.contains("(22 of 60)") == true)
        let pairing = facts(f)["Seen by both sidecars"] ?? ""
        #expect(pairing.contains("19 of these 22") && pairing.contains(Self.inbound) && pairing.contains("request id"))
        let samples = ((f["evidence"] as? [String: Any])?["samples"] as? [String]) ?? []
        #expect(samples.contains { $0.contains(Self.outbound) } && samples.contains { $0.contains(Self.inbound) })
    }

    @Test(arguments: ["istio-text", "istio-json", "custom-grpc"])
    func bothSidecarsInOneFileGiveOneFinding(_ format: String) throws {
        try expectOneFinding(try report([try lines(format)], format: format))
    }

    @Test func eachSidecarInItsOwnFileInAnyOrderGivesOneFinding() throws {
        let all = try lines("istio-text")
        let server = all.filter { $0.contains(Self.inbound) }, client = all.filter { $0.contains(Self.outbound) }
        #expect(server.count == 60 && client.count == 60)
        try expectOneFinding(try report([server, client], format: "istio-text"))
        try expectOneFinding(try report([all.reversed()], format: "istio-text"))
    }

    @Test func withoutRequestIDsTheRecordsPairByTimeAuthorityAndPath() throws {
        // The same capture with every request id blanked to `-`.
        let blanked = try lines("istio-text").map {
            $0.replacingOccurrences(of: #""[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}""#,
                                    with: "\"-\"", options: .regularExpression)
        }
        #expect(!blanked.contains { $0.contains("be36c44c") })
        let findings = cancelFindings(try report([blanked], format: "istio-text"))
        try #require(findings.count == 1)
        let pairing = facts(findings[0])["Seen by both sidecars"] ?? ""
        #expect(pairing.contains("19 of these 22") && pairing.contains("start time"))
    }

    @Test func oneLineFromYearsEarlierLeavesTheTimelineAlone() throws {
        var all = try lines("istio-text")
        let old = all[1].replacingOccurrences(of: "[2026-12-07T", with: "[2019-03-01T")
        #expect(old != all[1])
        all.insert(old, at: 40)
        let json = try report([all], format: "istio-text")
        let timeline = try #require(json["timeline"] as? [String: Any])
        #expect(timeline["bucket_seconds"] as? Int == 1)
        #expect(timeline["outside_range"] as? Int == 1)
        #expect((timeline["start"] as? String)?.hasPrefix("2026-12-07T05:10:34") == true)
        #expect((timeline["requests"] as? [Int])?.reduce(0, +) == 120)
        let range = try #require(json["time_range"] as? [String: Any])
        #expect((range["first"] as? String)?.hasPrefix("2019-03-01T") == true)
        // The text report says so next to the true time range.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-outlier-\(UUID().uuidString).log")
        try (all.joined(separator: "\n") + "\n").write(to: dir, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try MeshlogProcess.run(["report", dir.path])
        #expect(text.stdout.contains("timeline: 1 record outside the shown range 2026-12-07 05:10:34Z"))
        #expect(text.stdout.contains("time: 2019-03-01"))
    }
}
