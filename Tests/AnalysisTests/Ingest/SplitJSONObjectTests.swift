import AccessLog
import Analysis
import Foundation
import Testing

/// The multi-core split never starts a part inside a JSON record printed over several lines.
@Suite struct SplitJSONObjectTests {
    static func prettyRecord(_ k: Int) -> String {
        """
        {
          "start_time": "2024-05-06T07:08:\(String(format: "%02d", k % 60)).000Z",
          "method": "GET",
          "path": "/item/\(k)",
          "response_code": \(k % 7 == 0 ? 503 : 200),
          "duration": \(k % 50),
          "upstream_host": "10.0.0.\(k % 3):80",
          "upstream_cluster": "outbound|80||a.shop.svc.cluster.local"
        }
        """
    }

    func writeLog(records: Int) throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshlog-split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("pretty.log").path
        let text = (0..<records).map(Self.prettyRecord).joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    @Test func boundariesLandOnRecordStarts() throws {
        let (dir, path) = try writeLog(records: 2000)
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = try FileSplitter.ranges(path: path, parts: 7, minimumPartSize: 1)
        let ranges = try JSONObjectBoundary.adjust(raw, path: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(ranges.count > 1)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == Int64(bytes.count))
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        for range in ranges { #expect(bytes[Int(range.lowerBound)] == UInt8(ascii: "{")) }
    }

    @Test func twoJobsCountWhatOneJobCounts() throws {
        let (dir, path) = try writeLog(records: 3000)
        defer { try? FileManager.default.removeItem(at: dir) }
        var one = ReportIngest(inputs: [path], customFormat: nil, jobs: 1)
        one.splitThreshold = 1
        var two = ReportIngest(inputs: [path], customFormat: nil, jobs: 2)
        two.splitThreshold = 1
        two.minimumPartSize = 1
        let a = try one.run().snapshot().lines
        let b = try two.run().snapshot().lines
        #expect(a.access == 3000 && a.malformed == 0)
        #expect(b.access == a.access && b.total == a.total && b.malformed == 0)
    }
}
