/// Parses one access-log line (prefixes already removed) into an `AccessRecord`, detecting the
/// format per line: Istio text of every version, Envoy's default format, Istio JSON (string or typed
/// values), and optionally a user's own Envoy format string. Lines that are not access records are
/// classified (`LineClass.nonAccess`) or counted as malformed, never dropped silently.
///
/// A value with small per-parser caches (scratch space, names, the last minute of START_TIME):
/// give each parsing thread its own copy; copies are independent.
public struct LineParser: Sendable {
    private let custom: CompiledFormat?
    private var extraNames = ExtraNameCache()
    private var minutes = ISO8601Bytes.MinuteCache()

    /// A parser that auto-detects the format of every line.
    public init() {
        custom = nil
    }

    /// A parser that first tries the user's Envoy format string on every line (records it parses are
    /// `LogFormat.custom`) and falls back to auto-detection when a line does not match.
    ///
    /// `customFormat` is a text format (`[%START_TIME%] "%REQ(:METHOD)% …" %RESPONSE_CODE% …`) as
    /// set in `meshConfig.accessLogFormat` / Telemetry `logFormat.text`, or a JSON object of
    /// `"key": "%OPERATOR%"` pairs (JSON encoding / Telemetry `logFormat.labels`).
    public init(customFormat: String) throws(FormatError) {
        custom = try CompiledFormat(customFormat)
    }

    /// Resets `record` and fills it from `content`, one line without its newline. Field ranges are
    /// offsets into `content`, so the record is only meaningful together with these bytes.
    public mutating func parse(_ content: UnsafeRawBufferPointer, into record: inout AccessRecord) -> LineClass {
        record.reset(format: .istio19Plus)
        guard content.count > 0 else { return .nonAccess(.blank) }
        if let custom {
            switch custom.kind {
            case .text(let template):
                record.format = .custom
                if template.match(content, into: &record) {
                    let timeDecoded = record.startTimeMs >= 0
                    if RecordDecoder.decode(&record, content, minutes: &minutes, decodeStartTime: !timeDecoded),
                       !template.hasISOStartTime || record.startTimeMs >= 0
                        || FormatBytes.isDash(content, record[.startTime]) {
                        return .access
                    }
                }
                record.reset(format: .istio19Plus)
            case .json(let keys):
                if firstNonSpace(content) == UInt8(ascii: "{") {
                    return JSONLineParser.parse(content, custom: keys, names: &extraNames, minutes: &minutes,
                                                into: &record)
                }
            }
        }
        return autoDetect(content, into: &record)
    }

    private mutating func autoDetect(_ content: UnsafeRawBufferPointer, into record: inout AccessRecord) -> LineClass {
        switch content[0] {
        case UInt8(ascii: "["):
            if Self.startsWithISOBracket(content) {
                // Token scratch space on the stack: no array to check for uniqueness per line.
                return withUnsafeTemporaryAllocation(of: FieldRange.self, capacity: TextTokenizer.scratchCapacity) {
                    TextLineParser.parse(content, ranges: $0.baseAddress!, minutes: &minutes, into: &record)
                }
            }
        case UInt8(ascii: "{"):
            return JSONLineParser.parse(content, custom: nil, names: &extraNames, minutes: &minutes, into: &record)
        default:
            break
        }
        return headlessOrNonAccess(content, into: &record)
    }

    /// The slow path for lines that match no format from their first byte: an access line that lost
    /// its `[START_TIME]` (or part of it) is parsed as the format its rest matches
    /// (`HeadlessLine`); anything else is classified as a non-access line.
    @inline(never)
    private mutating func headlessOrNonAccess(_ content: UnsafeRawBufferPointer,
                                              into record: inout AccessRecord) -> LineClass {
        if case .text(let template)? = custom?.kind, template.startsWithBracketedISOTime,
           let split = HeadlessLine.split(content, needsQuotedRest: false) {
            record.reset(format: .custom)
            let result = HeadlessLine.parse(content, split, into: &record) { rebuilt, record in
                guard template.match(rebuilt, into: &record),
                      RecordDecoder.decode(&record, rebuilt, minutes: &minutes) else { return .malformed(.badAccessShape) }
                return .access
            }
            if result == .access { return result }
        }
        if let split = HeadlessLine.split(content, needsQuotedRest: true) {
            record.reset(format: .istio19Plus)
            let result = HeadlessLine.parse(content, split, into: &record) { rebuilt, record in
                withUnsafeTemporaryAllocation(of: FieldRange.self, capacity: TextTokenizer.scratchCapacity) {
                    TextLineParser.parse(rebuilt, ranges: $0.baseAddress!, minutes: &minutes, into: &record,
                                         timeRequired: false)
                }
            }
            if result == .access { return result }
        }
        record.reset(format: .istio19Plus)
        return NonAccessClassifier.classify(content)
    }

    /// `[YYYY-MM-DDT…] "` — the start of every Envoy / Istio text access line.
    @inline(__always)
    private static func startsWithISOBracket(_ p: UnsafeRawBufferPointer) -> Bool {
        guard p.count > 27, FormatBytes.isDigit(p[1]), FormatBytes.isDigit(p[4]), p[5] == UInt8(ascii: "-"),
              p[8] == UInt8(ascii: "-"), p[11] == UInt8(ascii: "T") else { return false }
        // Envoy's own START_TIME is always 24 characters: `]` at 25.
        let close = p[25] == UInt8(ascii: "]") ? 25 : FormatBytes.find(UInt8(ascii: "]"), in: p, 20, min(p.count, 40))
        return close + 2 < p.count && p[close + 1] == 0x20 && p[close + 2] == UInt8(ascii: "\"")
    }

    private func firstNonSpace(_ p: UnsafeRawBufferPointer) -> UInt8? {
        for b in p where !FormatBytes.isSpace(b) { return b }
        return nil
    }
}
