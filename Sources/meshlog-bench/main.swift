// Stage benchmark: how fast each part of the pipeline is on one core, without I/O.
//
//   swift run -c release meshlog-bench [--lines N] [--runs R] [--format istio19|jsonTyped|…]
//
// Generates N lines in memory with the traffic generator, then times, R times each (interleaved),
// 1. splitting into lines only, 2. prefix stripping + parsing into records, 3. the whole report
// pipeline (parsing + aggregation) — and prints the median lines/s of each and the peak RSS.
// `scripts/bench.py` measures the real command on files side by side with mawk; this tells
// where the time goes.
import AccessLog
import Analysis
import Foundation
import TrafficGenerator

struct Arguments {
    var lines = 1_000_000
    var runs = 5
    var formats: [OutputFormat] = [.istio19, .jsonTyped]

    static let usage = "usage: meshlog-bench [--lines N] [--runs R] [--format "
        + OutputFormat.allCases.map(\.rawValue).joined(separator: "|") + "]"

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("meshlog-bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }

    init(_ argv: [String]) {
        var i = 1
        while i < argv.count {
            let value = i + 1 < argv.count ? argv[i + 1] : ""
            switch argv[i] {
            case "--lines":
                guard let n = Int(value), n > 0 else { Self.fail("--lines needs a positive number") }
                lines = n
            case "--runs":
                guard let n = Int(value), n > 0 else { Self.fail("--runs needs a positive number") }
                runs = n
            case "--format":
                guard let format = OutputFormat(rawValue: value) else { Self.fail("unknown format \(value)") }
                formats = [format]
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default: Self.fail("unknown argument \(argv[i])")
            }
            i += 2
        }
    }
}

/// A sink that only counts: parsing without aggregation.
struct CountingSink: RecordSink {
    var access = 0, nonAccess = 0, malformed = 0, checksum = 0
    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        access += 1
        checksum &+= Int(record.responseCode) &+ Int(record.durationMs)
    }
    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) { nonAccess += 1 }
    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {
        malformed += 1
    }
}

/// Calls `body` for each line of `data` (without its newline).
func forEachLine(_ data: [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) {
    data.withUnsafeBytes { all in
        guard let base = all.baseAddress else { return }
        var start = 0
        while start < all.count {
            let end = memchr(base + start, 0x0A, all.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? all.count
            body(UnsafeRawBufferPointer(start: base + start, count: end - start))
            start = end + 1
        }
    }
}

func seconds(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let arguments = Arguments(CommandLine.arguments)
print("meshlog-bench: \(arguments.lines) lines per format, median of \(arguments.runs) interleaved runs, one thread")
for format in arguments.formats {
    var generator = TrafficGenerator(options: GeneratorOptions(lines: arguments.lines, seed: 7, output: format))
    var data: [UInt8] = []
    while generator.appendNextLine(to: &data) {}
    let lineCount = Double(arguments.lines)

    var times: [String: [Double]] = [:]
    var checks: [String: Int] = [:]
    for _ in 0..<arguments.runs {
        times["1 split lines", default: []].append(seconds {
            var n = 0
            forEachLine(data) { n &+= $0.count }
            checks["1 split lines"] = n
        })
        times["2 strip + parse", default: []].append(seconds {
            var processor = LineProcessor(parser: LineParser(), sink: CountingSink())
            forEachLine(data) { processor.process($0, truncated: false) }
            checks["2 strip + parse"] = processor.sink.access
        })
        times["3 parse + aggregate", default: []].append(seconds {
            var processor = LineProcessor(parser: LineParser(), limits: .report)
            forEachLine(data) { processor.process($0, truncated: false) }
            checks["3 parse + aggregate"] = processor.sink.snapshot().requests
        })
    }
    print("\n\(format.rawValue): \(arguments.lines) lines, \(String(format: "%.0f", Double(data.count) / lineCount)) bytes/line")
    for stage in times.keys.sorted() {
        let sorted = times[stage]!.sorted()
        let median = sorted[sorted.count / 2]
        let name = stage.padding(toLength: 20, withPad: " ", startingAt: 0)
        print(name + String(format: " %7.3f s  %6.2f M lines/s  %6.0f ns/line   (check %d)",
                            median, lineCount / median / 1e6, median / lineCount * 1e9, checks[stage] ?? 0))
    }
}
print(String(format: "\npeak RSS %.1f MiB (includes the generated data held in memory)", peakRSSMiB()))
