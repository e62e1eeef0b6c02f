/// A user's `--format` compiled once: either a text template, or (for a format given as a JSON object,
/// as in `meshConfig.accessLogFormat` with JSON encoding or Telemetry `logFormat.labels`) a table from
/// JSON key to field.
final class CompiledFormat: Sendable {
    enum Kind: Sendable {
        case text(FormatTemplate)
        case json(JSONLineParser.CustomKeys)
    }

    let kind: Kind

    init(_ format: String) throws(FormatError) {
        let trimmed = Self.trimmed(format)
        guard !trimmed.isEmpty else { throw FormatError("the format is empty") }
        if trimmed.hasPrefix("{\"") || (trimmed.hasPrefix("{") && trimmed.hasSuffix("}") && trimmed.contains("\":")) {
            kind = .json(try Self.compileJSON(trimmed))
            return
        }
        let pieces = try FormatStringParser.pieces(trimmed)
        guard pieces.contains(where: { if case .op = $0 { true } else { false } }) else {
            throw FormatError("the format has no %OPERATOR%")
        }
        kind = .text(FormatTemplate(pieces))
    }

    /// Without surrounding whitespace and a final newline, real or written as `\n`.
    private static func trimmed(_ format: String) -> String {
        var s = Substring(format)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        while s.hasSuffix("\\n") {
            s = s.dropLast(2)
            while let last = s.last, last.isWhitespace { s = s.dropLast() }
        }
        while let first = s.first, first.isNewline { s = s.dropFirst() }
        return String(s)
    }

    /// `{"key": "%OPERATOR%", …}`: a key whose value is exactly one known operator fills that
    /// operator's field; any other key (unknown operator, several operators, constant text) is kept
    /// as an extra field named by the key.
    private static func compileJSON(_ format: String) throws(FormatError) -> JSONLineParser.CustomKeys {
        let bytes = Array(format.utf8)
        var entries: [(String, JSONKeyTarget)] = []
        var startTimeFormat: StartTimeFormat? = nil
        var failure: FormatError? = nil
        bytes.withUnsafeBytes { line in
            var scanner = JSONObjectScanner(line)
            var member = JSONMember()
            guard scanner.begin() else {
                failure = FormatError("invalid JSON format object", column: 1)
                return
            }
            while true {
                switch scanner.next(&member) {
                case .end: return
                case .error:
                    failure = FormatError("invalid JSON format object", column: scanner.position + 1)
                    return
                case .member: break
                }
                let key = FieldText.decode(UnsafeRawBufferPointer(rebasing: line[member.keyLo..<member.keyHi]),
                                           escaped: true)
                guard member.kind == .string else {
                    entries.append((key, .extra(name: key)))
                    continue
                }
                let value = FieldText.decode(line.bytes(member.value), escaped: true)
                do throws(FormatError) {
                    let pieces = try FormatStringParser.pieces(value)
                    if pieces.count == 1, case .op(let op) = pieces[0], let field = op.field {
                        entries.append((key, .field(field)))
                        if field == .startTime, let argument = op.argument {
                            startTimeFormat = StartTimeFormat(argument)
                        }
                    } else {
                        entries.append((key, .extra(name: key)))
                    }
                } catch {
                    failure = FormatError("in key \"\(key)\": \(error.description)")
                    return
                }
            }
        }
        if let failure { throw failure }
        guard !entries.isEmpty else { throw FormatError("the JSON format object has no keys") }
        return JSONLineParser.CustomKeys(table: JSONKeyTable(entries), startTimeFormat: startTimeFormat)
    }
}
