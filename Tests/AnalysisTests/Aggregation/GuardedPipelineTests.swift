import AccessLog
import Analysis
import Testing
import TestSupport
import TrafficGenerator

/// The whole per-line pipeline — prefix stripping, parsing, aggregation with its line-key cache —
/// never reads a byte outside the line. Files are read through memory maps (`FileWindow`) whose
/// last line may end exactly at an unmapped page, so an over-read there would crash `meshlog
/// report`; here each line is placed right before (and right after) an inaccessible page.
@Suite struct GuardedPipelineTests {
    /// Lines of every generated format, with every prefix style, in every scenario.
    static func generatedLines() -> [(OutputFormat, [UInt8])] {
        var lines: [(OutputFormat, [UInt8])] = []
        for format in OutputFormat.allCases {
            for prefix in GeneratedPrefix.allCases {
                for scenario in Scenario.allCases {
                    let options = GeneratorOptions(lines: 8, seed: 11, output: format, prefix: prefix, scenario: scenario,
                                                   nonAccessShare: 0.2)
                    var generator = TrafficGenerator(options: options)
                    var data: [UInt8] = []
                    while generator.appendNextLine(to: &data) {}
                    for line in data.split(separator: 0x0A) where line.count < 4096 { lines.append((format, Array(line))) }
                }
            }
        }
        return lines
    }

    @Test(arguments: [AggregatorLimits.report, AggregatorLimits.default])
    func everyGeneratedLineAgainstAGuardPage(limits: AggregatorLimits) throws {
        let lines = Self.generatedLines()
        let custom = try LineParser(customFormat: OutputFormat.customGrpc.customFormatString ?? "")
        var processors = (plain: LineProcessor(parser: LineParser(), limits: limits),
                          custom: LineProcessor(parser: custom, limits: limits))
        for (format, line) in lines {
            // Each line twice per guard side: the second time it hits the line-key cache.
            GuardedLine.withEach(line) { guarded in
                for _ in 0..<2 {
                    if format == .customGrpc {
                        processors.custom.process(guarded, truncated: false)
                    } else {
                        processors.plain.process(guarded, truncated: false)
                    }
                }
            }
        }
        let total = processors.plain.aggregator.snapshot().lines.total + processors.custom.aggregator.snapshot().lines.total
        #expect(total == lines.count * 4)
        #expect(processors.plain.aggregator.snapshot().lines.access > lines.count)
    }

    /// Short and odd lines: empty, one byte, a bare `[`, a line cut inside its quoted request.
    @Test func fragmentsAgainstAGuardPage() {
        var processor = LineProcessor(parser: LineParser(), limits: .default)
        let fragments = ["", "[", "\"", "[2024-05-06T07:08:09.123Z]", "[2024-05-06T07:08:09.123Z] \"GET /a",
                         "[2024-05-06T07:08:09.123Z] \"GET /api/v1/items/12345?x=1 HTTP/1.1\" 200 - via_upstream - \"-\" 0 1 2 3",
                         "{\"response_code\":200", "{\"path\":\"/a/1234\",\"method\":\"GET\"}"]
        for fragment in fragments {
            GuardedLine.withEach(Array(fragment.utf8)) { processor.process($0, truncated: false) }
        }
        #expect(processor.aggregator.snapshot().lines.total == fragments.count * 2)
    }
}
