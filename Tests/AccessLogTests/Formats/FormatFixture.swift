@testable import AccessLog

/// One line run through a `LineParser`, kept together with its bytes so that the record's field
/// ranges can be read back as text.
struct FormatFixture {
    let bytes: [UInt8]
    let lineClass: LineClass
    let record: AccessRecord

    init(_ line: String, parser: inout LineParser) {
        self.init(bytes: Array(line.utf8), parser: &parser)
    }

    init(bytes: [UInt8], parser: inout LineParser) {
        self.bytes = bytes
        var record = AccessRecord()
        lineClass = bytes.withUnsafeBytes { parser.parse($0, into: &record) }
        self.record = record
    }

    /// Parses with a fresh auto-detecting parser.
    static func parse(_ line: String) -> FormatFixture {
        var parser = LineParser()
        return FormatFixture(line, parser: &parser)
    }

    var format: LogFormat { record.format }

    /// True when the line's format has the field (even when its value is `-`).
    func has(_ field: AccessField) -> Bool { record.has(field) }

    /// The field's text as `AccessRecord.text` gives it (nil when absent or `-`).
    func text(_ field: AccessField) -> String? {
        bytes.withUnsafeBytes { record.text(field, in: $0) }
    }

    /// The raw bytes of a field's range, quotes excluded, escapes not decoded.
    func raw(_ field: AccessField) -> String? {
        let range = record[field]
        if range.isAbsent { return nil }
        return String(decoding: bytes[Int(range.lo)..<Int(range.hi)], as: UTF8.self)
    }

    /// The text of the extra field called `name`.
    func extra(_ name: String) -> String? {
        guard let field = record.extraFields.first(where: { $0.name == name }) else { return nil }
        return bytes.withUnsafeBytes { FieldText.decode($0.bytes(field.range), escaped: record.escaped) }
    }

    /// The gRPC method text, when the record is a gRPC request.
    var grpcMethod: String? {
        bytes.withUnsafeBytes { line in
            GRPCRequest.methodRange(record, in: line).map { String(decoding: line.bytes($0), as: UTF8.self) }
        }
    }
}
