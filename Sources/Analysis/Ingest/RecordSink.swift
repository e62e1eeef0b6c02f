import AccessLog

/// Where `LineProcessor` delivers each classified line. The aggregator is one sink; `meshlog parse`
/// has another that prints NDJSON.
public protocol RecordSink {
    mutating func add(_ record: borrowing AccessRecord, line: UnsafeRawBufferPointer,
                      source: UnsafeRawBufferPointer, container: UnsafeRawBufferPointer)
    mutating func addNonAccess(_ kind: NonAccessKind, line: UnsafeRawBufferPointer)
    mutating func addMalformed(_ reason: MalformedReason, line: UnsafeRawBufferPointer, lineNumber: Int)
}

extension Aggregator: RecordSink {}
