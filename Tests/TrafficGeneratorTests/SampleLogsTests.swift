import Foundation
import Testing
import TrafficGenerator

/// SampleLogs/ stays in step with the generator and its README.
@Suite struct SampleLogsTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleLogs")

    @Test func customFormatFileIsTheGeneratorsFormatString() throws {
        let url = SampleLogsTests.directory.appendingPathComponent("custom-grpc.format")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.trimmingCharacters(in: .newlines) == OutputFormat.customGrpc.customFormatString)
    }

    @Test func everySampleIsListedSmallAndRegenerable() throws {
        let readme = try String(contentsOf: SampleLogsTests.directory.appendingPathComponent("README.md"), encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: SampleLogsTests.directory.path)
            .filter { $0.hasSuffix(".log") }
        #expect(files.count >= 25)
        for file in files {
            #expect(readme.contains("`\(file)`"), "\(file) missing from SampleLogs/README.md")
            let size = try FileManager.default.attributesOfItem(
                atPath: SampleLogsTests.directory.appendingPathComponent(file).path)[.size] as? Int ?? 0
            // The large-deployment sample needs thousands of lines for 80 pods × 60 hosts.
            #expect(size < (file == "scenario-large-deployment.log" ? 3_000_000 : 600_000), "\(file) is \(size) bytes")
        }
        // The healthy scenario file is exactly what the generator writes for its README command.
        let sample = try Data(contentsOf: SampleLogsTests.directory.appendingPathComponent("scenario-healthy.log"))
        var generator = TrafficGenerator(options: GeneratorOptions(lines: 1500, seed: 3, scenario: .healthy))
        var bytes: [UInt8] = []
        while generator.appendNextLine(to: &bytes) {}
        #expect([UInt8](sample) == bytes)
    }
}
