import AccessLog
import Analysis
import Foundation
import Testing
import TrafficGenerator

/// The multi-core path of `meshlog report` (a file split into parts, one reader each, aggregators
/// merged) gives the same snapshot as one reader, wherever the file is split: also when a
/// continuation chain (CRI `P` fragments without their `F`, docker fragments, multi-line dumps,
/// JSON records printed over several lines, complete or cut off) crosses a split point. The split
/// threshold is lowered so that small files are split.
@Suite struct SplitInvarianceTests {
    /// Generated CRI traffic with hostile chains mixed in at random: `P` fragments whose `F` comes
    /// late or never, on both streams, docker fragments, dumps and an access line cut in two.
    static func chaoticLog(seed: UInt64, lines: Int) -> [UInt8] {
        var generator = TrafficGenerator(options: GeneratorOptions(lines: lines, seed: seed, prefix: .cri))
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func random(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        var out: [UInt8] = []
        var line: [UInt8] = []
        let stamp = "2025-11-20T10:00:00.000000000Z"
        while generator.appendNextLine(to: &line) {
            out += line
            line.removeAll(keepingCapacity: true)
            switch random(40) {
            case 0: out += Array("\(stamp) stdout P {\"partial\": \"record without its F\"\n".utf8)
            case 1: out += Array("\(stamp) stderr P half of a stderr line \n".utf8)
            case 2: out += Array("\(stamp) stderr F the end of it\n".utf8)
            case 3: out += Array(#"{"log":"a docker line without its newline","stream":"stdout","time":"2025-11-20T10:00:00Z"}"#.utf8) + [0x0A]
            case 4: out += Array("    at io.envoy.Dump(Dump.java:42)\n  - key: value\ncluster_name: outbound\ngoroutine 7 [running]:\n".utf8)
            case 5: out += Array("\(stamp) stdout P [2025-11-20T10:00:00.000Z] \"GET /cut HTTP/1.1\" 200 - via_upstream - \"-\" 0 \n".utf8)
            case 6: out += Array("\(stamp) stdout F 12 3 2 \"-\" \"curl\" \"id\" \"a\" \"10.0.0.1:80\" outbound|80||a.default.svc.cluster.local - 10.0.0.2:80 10.0.0.3:1 - default\n".utf8)
            case 7: out += [0xFF, 0x00, 0x41, 0x0A]
            case 8: out += Array(Self.prettyRecord(prefix: "\(stamp) stdout F ", closed: true).utf8)
            case 9: out += Array(Self.prettyRecord(prefix: "", closed: random(2) == 0).utf8)
            default: break
            }
        }
        return out
    }

    /// An access record printed over several lines (`JSONObjectJoiner`), each line behind `prefix`;
    /// without its closing brace when not `closed` (the next line ends it, cut off).
    static func prettyRecord(prefix: String, closed: Bool) -> String {
        let lines = ["{", #"  "start_time": "2025-11-20T10:00:00.000Z","#, #"  "method": "GET","#,
                     #"  "path": "/pretty","#, #"  "response_code": 503,"#, #"  "response_flags": "UF","#,
                     #"  "upstream_cluster": "outbound|80||a.default.svc.cluster.local""#] + (closed ? ["}"] : [])
        return lines.map { prefix + $0 + "\n" }.joined()
    }

    static func snapshot(_ path: String, jobs: Int) throws -> Snapshot {
        var ingest = ReportIngest(inputs: [path], customFormat: nil, jobs: jobs)
        ingest.splitThreshold = 1
        ingest.minimumPartSize = 1
        return try ingest.run().snapshot()
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func linesAreCountedAlikeWhereverTheFileIsSplit(seed: UInt64) throws {
        let path = NSTemporaryDirectory() + "meshlog-split-\(getpid())-\(seed).log"
        defer { unlink(path) }
        let bytes = Self.chaoticLog(seed: seed, lines: 3_000)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let one = try Self.snapshot(path, jobs: 1)
        #expect(one.lines.total > 3_000)
        #expect(one.lines.total == one.lines.access + one.lines.nonAccess + one.lines.malformed)
        for jobs in [2, 3, 4, 7, 16] {
            let many = try Self.snapshot(path, jobs: jobs)
            #expect(many.lines == one.lines, "jobs \(jobs), seed \(seed)")
            #expect(many == one, "jobs \(jobs), seed \(seed)")
        }
    }

    /// A JSON record printed over several lines is pending until its closing brace: a part that
    /// ends inside one makes `ReportIngest` read the file with one reader.
    @Test func anOpenJSONObjectIsAPendingRecord() {
        var processor = LineProcessor(parser: LineParser(), limits: .report)
        let lines = Self.prettyRecord(prefix: "", closed: true).split(separator: "\n").map(String.init)
        for (k, line) in lines.enumerated() {
            Array(line.utf8).withUnsafeBytes { processor.process($0, truncated: false) }
            #expect(processor.hasPendingRecord == (k + 1 < lines.count), "after line \(k + 1)")
        }
        processor.finish()
        let counted = processor.aggregator.snapshot().lines
        #expect(counted.access == 1 && counted.total == lines.count)
    }

    /// A healthy generated log of every prefix: `--jobs 1` and `--jobs 4` give the same snapshot.
    @Test(arguments: [GeneratedPrefix.none, .kubectlBoth, .stern, .cri])
    func oneAndFourJobsGiveTheSameSnapshot(prefix: GeneratedPrefix) throws {
        var generator = TrafficGenerator(options: GeneratorOptions(lines: 4_000, seed: 5, prefix: prefix,
                                                                   scenario: .connectionPinning))
        var bytes: [UInt8] = []
        while generator.appendNextLine(to: &bytes) {}
        let path = NSTemporaryDirectory() + "meshlog-jobs-\(getpid())-\(prefix).log"
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let one = try Self.snapshot(path, jobs: 1)
        let four = try Self.snapshot(path, jobs: 4)
        #expect(one.lines.access > 3_000)
        #expect(four == one)
    }
}
