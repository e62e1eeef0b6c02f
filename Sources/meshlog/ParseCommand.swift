import Glibc
import ArgumentParser
import AccessLog
import Analysis
import Presentation

/// `meshlog parse`: one JSON object per access record (NDJSON), for jq and friends.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print one JSON object per access record (NDJSON), keys named as Istio's JSON access-log keys.")

    @OptionGroup var input: InputOptions

    func run() throws {
        let parser = try input.customFormat.map { try LineParser(customFormat: $0) } ?? LineParser()
        var counts = LineTally()
        for path in input.inputs {
            let source = try ByteSource(path: path)
            var processor = LineProcessor(parser: parser, sink: NDJSONSink())
            var reader = LineReader(source: source)
            // Stop reading as soon as stdout fails (a closed pipe: `meshlog parse big.log | head`).
            try reader.forEachLine { line, truncated in
                processor.process(line, truncated: truncated)
                if let failure = processor.sink.failure { throw failure }
            }
            processor.finish()
            try processor.sink.flush()
            source.warnings.forEach(CommandErrors.warn)
            counts.add(processor.sink.tally)
        }
        if counts.malformed > 0 || isatty(2) == 1 {
            CommandErrors.printError("parse: \(counts.total) lines: \(counts.access) access, "
                + "\(counts.nonAccess) non-access, \(counts.malformed) malformed")
        }
    }
}

/// Counts of how lines were classified.
struct LineTally {
    var access = 0, nonAccess = 0, malformed = 0
    var total: Int { access + nonAccess + malformed }
    mutating func add(_ other: LineTally) {
        access += other.access; nonAccess += other.nonAccess; malformed += other.malformed
    }
}

/// Writes access records as NDJSON to stdout and counts the rest.
struct NDJSONSink: RecordSink {
    private var writer = JSONWriter(capacity: 1 << 17)
    private(set) var tally = LineTally()

    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer) {
        tally.access += 1
        RecordJSON.write(copy record, line: line, source: source, to: &writer)
        writer.endLine()
        if writer.bytes.count >= 1 << 16 { try? flush() }
    }

    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer) { tally.nonAccess += 1 }

    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int) {
        tally.malformed += 1
    }

    /// The first failed write to stdout (the reader loop stops on it).
    var failure: OutputError? { StandardOutput.shared.failure }

    mutating func flush() throws(OutputError) {
        defer { writer.reset() }
        try StandardOutput.shared.write(bytes: writer.bytes)
        try StandardOutput.shared.flush()
    }
}
