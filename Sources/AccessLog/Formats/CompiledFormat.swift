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
    ///
    /// Linear in the format's length: it walks Unicode scalars from both ends once (a run of
    /// 100,000 trailing spaces used to be trimmed one `Character` and one `String` copy at a time).
    static func trimmed(_ format: String) -> String {
        let scalars = format.unicodeScalars
        var end = scalars.endIndex
        func dropTrailingWhitespace() {
            while end > scalars.startIndex {
                let before = scalars.index(before: end)
                guard scalars[before].properties.isWhitespace else { return }
                end = before
            }
        }
        dropTrailingWhitespace()
        // A trailing `\n` written out (as in a YAML value), possibly several, each after whitespace.
        while end > scalars.startIndex {
            let n = scalars.index(before: end)
            guard scalars[n] == "n", n > scalars.startIndex else { break }
            let backslash = scalars.index(before: n)
            guard scalars[backslash] == "\\" else { break }
            end = backslash
            dropTrailingWhitespace()
        }
        var start = scalars.startIndex
        while start < end, Self.isNewline(scalars[start]) { start = scalars.index(after: start) }
        return String(scalars[start..<end])
    }

    /// What `Character.isNewline` accepts: LF, VT, FF, CR, NEL, LINE and PARAGRAPH SEPARATOR.
    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
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
