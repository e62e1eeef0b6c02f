import AccessLog
import Foundation
import Analysis
import Testing

/// Records that CRI or docker json-file split into fragments: every input line is counted once (the
/// fragments as continuations, the line that ends the record as the record), also when the input
/// ends before the record does.
@Suite struct FragmentAccountingTests {
    static let access = #"[2024-05-06T07:08:09.123Z] "POST /shop.Orders/PlaceOrder HTTP/2" 200 - via_upstream - "-" 112 45 12 11 "-" "grpc-go/1.62.1" "7f1c9a0e-4b7d-4d0e-9a59-3f2f0c8e1a11" "orders:50051" "10.244.1.17:50051" outbound|50051||orders.shop.svc.cluster.local 10.244.2.5:41822 10.96.12.34:50051 10.244.2.5:50312 - default"#
    static let pilotAgent = "2024-01-02T03:04:05.123456Z\tinfo\txdsproxy\tconnected to upstream XDS server"

    static func cri(_ text: String, partial: Bool, stream: String = "stdout") -> String {
        "2024-05-06T07:08:09.100000000Z \(stream) \(partial ? "P" : "F") \(text)"
    }

    static func docker(_ text: String, ended: Bool) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"log":"\#(escaped)\#(ended ? "\\n" : "")","stream":"stdout","time":"2024-05-06T07:08:09.1Z"}"#
    }

    /// The snapshot after processing `lines` and finishing the input.
    func run(_ lines: [String]) -> LineCounts {
        var processor = LineProcessor(parser: LineParser(), limits: .report)
        for line in lines {
            Array(line.utf8).withUnsafeBytes { processor.process($0, truncated: false) }
        }
        processor.finish()
        processor.finish()   // idempotent
        return processor.aggregator.snapshot().lines
    }

    func continuations(_ c: LineCounts) -> Int {
        c.nonAccessByKind.first { $0.kind == .continuation }?.count ?? 0
    }

    @Test func completeRecordsCountFragmentsAsContinuations() {
        let a = Self.access
        let third = a.index(a.startIndex, offsetBy: a.count / 3), twoThirds = a.index(a.startIndex, offsetBy: 2 * a.count / 3)
        for lines in [[Self.cri(String(a[..<third]), partial: true), Self.cri(String(a[third..<twoThirds]), partial: true),
                       Self.cri(String(a[twoThirds...]), partial: false)],
                      [Self.docker(String(a[..<third]), ended: false), Self.docker(String(a[third..<twoThirds]), ended: false),
                       Self.docker(String(a[twoThirds...]), ended: true)]] {
            let c = run(lines)
            #expect(c.total == 3 && c.access == 1 && continuations(c) == 2 && c.malformed == 0)
        }
    }

    /// The input ends after the last fragment: the record is joined from what came and counted as
    /// its last line (here a whole access line that lacked only its final, empty fragment).
    @Test func unfinishedRecordAtTheEndIsStillParsed() {
        let a = Self.access
        let half = a.index(a.startIndex, offsetBy: a.count / 2)
        for lines in [[Self.cri(String(a[..<half]), partial: true), Self.cri(String(a[half...]), partial: true)],
                      [Self.docker(String(a[..<half]), ended: false), Self.docker(String(a[half...]), ended: false)]] {
            let c = run(lines)
            #expect(c.total == 2 && c.access == 1 && continuations(c) == 1, "\(c)")
        }
    }

    /// A fragment on stdout, a whole line on stderr, the end: two lines, two counts, none a
    /// continuation (the stdout record is its own, unfinished, line).
    @Test func interleavedStreamsAddUp() {
        let c = run([Self.cri("[2024-05-06T07:08:09.123Z] \"GET /cut", partial: true),
                     Self.cri(Self.pilotAgent, partial: false, stream: "stderr")])
        #expect(c.total == 2 && c.nonAccess + c.malformed + c.access == 2 && continuations(c) == 0, "\(c)")
    }

    /// Reading a file finishes it: an unfinished record at the file's end is counted.
    @Test func consumeFinishesTheInput() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fragments-\(getpid()).log").path
        let a = Self.access
        let half = a.index(a.startIndex, offsetBy: a.count / 2)
        let text = Self.cri(String(a[..<half]), partial: true) + "\n" + Self.cri(String(a[half...]), partial: true) + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var processor = LineProcessor(parser: LineParser(), limits: .report)
        try processor.consume(try ByteSource(path: path))
        let c = processor.aggregator.snapshot().lines
        #expect(c.total == 2 && c.access == 1)
    }
}
