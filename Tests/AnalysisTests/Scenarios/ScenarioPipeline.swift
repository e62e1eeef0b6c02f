import AccessLog
import TrafficGenerator
@testable import Analysis

/// Test helper: generates a log with the `TrafficGenerator` library and diagnoses it through the real
/// pipeline — `LineProcessor` (prefix stripping, format detection, parsing) into an `Aggregator`, its
/// snapshot, then the `Diagnoser` — as `meshlog report` does for one file.
enum ScenarioPipeline {
    /// The findings for the generated log, ranked. `customGrpc` output is parsed with its Envoy format
    /// string, as a user passes it with `--format`.
    static func findings(_ options: GeneratorOptions, expectedSplit: [String: Double]? = nil) throws -> [Finding] {
        Diagnoser(context: DiagnosisContext(expectedSplit: expectedSplit)).diagnose(try snapshot(options))
    }

    static func snapshot(_ options: GeneratorOptions) throws -> Snapshot {
        var generator = TrafficGenerator(options: options)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(options.lines * 400)
        while generator.appendNextLine(to: &bytes) {}

        let parser = try options.effectiveOutput.customFormatString.map { try LineParser(customFormat: $0) } ?? LineParser()
        var processor = LineProcessor(parser: parser, limits: .default)
        bytes.withUnsafeBytes { all in
            var start = 0
            for index in all.indices where all[index] == UInt8(ascii: "\n") {
                processor.process(UnsafeRawBufferPointer(rebasing: all[start..<index]), truncated: false)
                start = index + 1
            }
            if start < all.count { processor.process(UnsafeRawBufferPointer(rebasing: all[start...]), truncated: false) }
        }
        return processor.aggregator.snapshot()
    }

    /// "severity id: title" for each finding, for failure messages.
    static func describe(_ findings: [Finding]) -> String {
        findings.map { "\($0.severity.name) \($0.id.rawValue): \($0.title)" }.joined(separator: "\n")
    }
}
