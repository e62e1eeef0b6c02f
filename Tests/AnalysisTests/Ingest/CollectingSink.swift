import AccessLog
import Analysis

/// A `RecordSink` that keeps what each line became, for tests of `LineProcessor`.
struct CollectingSink: RecordSink {
    struct Access: Equatable {
        var method: String?
        var path: String?
        var responseCode: Int32
        var durationMs: Int64
        var flags: ResponseFlags
        var startTimeMs: Int64
        var upstreamHost: String?
        var source: String
        var container: String
    }

    var access: [Access] = []
    var nonAccess: [NonAccessKind] = []
    var malformed: [MalformedReason] = []
    var total: Int { access.count + nonAccess.count + malformed.count }
    var continuations: Int { nonAccess.filter { $0 == .continuation }.count }

    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        access.append(Access(method: record.text(.method, in: line), path: record.text(.path, in: line),
                             responseCode: record.responseCode, durationMs: record.durationMs, flags: record.flags,
                             startTimeMs: record.startTimeMs, upstreamHost: record.text(.upstreamHost, in: line),
                             source: String(decoding: source, as: UTF8.self),
                             container: String(decoding: container, as: UTF8.self)))
    }

    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) { nonAccess.append(kind) }

    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {
        malformed.append(reason)
    }

    /// Runs `lines` through a fresh processor (then `finish`) and returns what came out.
    static func run(_ lines: [String], path: String? = nil, parser: LineParser = LineParser()) -> CollectingSink {
        var processor = LineProcessor(parser: parser, sink: CollectingSink())
        if let path { processor.startInput(path: path) }
        for line in lines {
            Array(line.utf8).withUnsafeBytes { processor.process($0, truncated: false) }
        }
        processor.finish()
        processor.finish()
        return processor.sink
    }
}
