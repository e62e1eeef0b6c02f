/// Parses a line that starts with `{`: an Istio JSON access record (≤1.7 all-string values, ≥1.8 typed
/// values; any key order), a custom JSON format's record, a JSON application log line, or other JSON.
enum JSONLineParser {
    /// Keys of a user's JSON-object `--format`, looked up before Istio's own keys.
    struct CustomKeys: Sendable {
        var table: JSONKeyTable
        /// Time format of the key mapped to `%START_TIME(fmt)%`, when it has one.
        var startTimeFormat: StartTimeFormat?
    }

    /// `record` was reset by the caller.
    static func parse(_ line: UnsafeRawBufferPointer, custom: CustomKeys?, names: inout ExtraNameCache,
                      minutes: inout ISO8601Bytes.MinuteCache, into record: inout AccessRecord) -> LineClass {
        var scanner = JSONObjectScanner(line)
        guard scanner.begin(), let base = line.baseAddress else { return .malformed(.badJSON) }
        let count = line.count
        let istio = JSONKeyTable.istio
        let customTable = custom?.table
        let customHasStartTimeFormat = custom?.startTimeFormat != nil
        var member = JSONMember()
        var accessKeys = 0
        var sawCustomKey = false
        var customStartTime = false
        var typed = false
        var hasLevel = false
        var hasMessage = false
        loop: while true {
            switch scanner.next(&member) {
            case .end: break loop
            case .error:
                if LineBytesCheck.isBinary(line) { return .malformed(.binary) }
                return accessKeys > 0 ? .malformed(.badJSON) : .nonAccess(.continuation)
            case .member: break
            }
            typed = typed || member.kind != .string
            var code: Int
            var fromCustom = false
            if let customTable {
                code = customTable.fieldCode(base, member.keyLo, member.keyHi, count: count)
                if code != JSONKeyTable.unknownKey {
                    fromCustom = true
                    sawCustomKey = true
                } else {
                    code = istio.fieldCode(base, member.keyLo, member.keyHi, count: count)
                }
                // The time is decoded with the custom format when its key was the last to set it.
                if code == AccessField.startTime.rawValue { customStartTime = fromCustom && customHasStartTimeFormat }
            } else {
                code = istio.fieldCode(base, member.keyLo, member.keyHi, count: count)
            }
            if code >= 0 {
                record.fields[code] = member.value
                accessKeys &+= 1
                continue
            }
            let target = code == JSONKeyTable.unknownKey ? nil
                : (fromCustom ? customTable : istio)?.lookup(line, member.keyLo, member.keyHi)
            switch target {
            case .extra(let name)?:
                record.extraFields.append(ExtraField(name: name, range: member.value))
            case .appLevel?: hasLevel = true
            case .appMessage?: hasMessage = true
            case .field, nil:
                let name = names.name(line, member.keyLo, member.keyHi)
                record.extraFields.append(ExtraField(name: name, range: member.value))
            }
        }
        if hasLevel && hasMessage && accessKeys < 2 { return .nonAccess(.jsonApplication) }
        guard accessKeys >= 2 || (sawCustomKey && accessKeys >= 1) else { return .nonAccess(.other) }

        record.format = sawCustomKey ? .custom : (typed ? .istioJSONTyped : .istioJSONStrings)
        record.escaped = scanner.sawEscape
        dropStartTimeInMethod(&record, line)
        if customStartTime, let format = custom?.startTimeFormat {
            let start = record[.startTime]
            if start.count > 0 { record.startTimeMs = format.epochMillis(line, Int(start.lo), Int(start.hi)) ?? -1 }
        }
        RecordDecoder.decode(&record, line, minutes: &minutes, decodeStartTime: !customStartTime)
        return .access
    }

    /// Istio 1.1 mapped `"method"` to `%START_TIME%` (istio#12232): such a value is not a method.
    private static func dropStartTimeInMethod(_ record: inout AccessRecord, _ line: UnsafeRawBufferPointer) {
        let method = record[.method]
        guard method.count >= 19, FormatBytes.isDigit(line[Int(method.lo)]),
              ISO8601Bytes.epochMillis(line.bytes(method)) != nil
        else { return }
        record[.method] = .absent
    }
}
