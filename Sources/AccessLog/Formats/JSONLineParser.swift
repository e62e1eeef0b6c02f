/// Parses a line that starts with `{`: an Istio JSON access record (≤1.7 all-string values, ≥1.8 typed
/// values; any key order), a custom JSON format's record, a JSON application log line, or other JSON.
enum JSONLineParser {
    /// Keys of a user's JSON-object `--format`, looked up before Istio's own keys.
    struct CustomKeys: Sendable {
        /// The user's keys layered over `JSONKeyTable.istio` (their codes tell them apart).
        let keys: JSONKeyTable
        /// Time format of the key mapped to `%START_TIME(fmt)%`, when it has one.
        let startTimeFormat: StartTimeFormat?

        init(table: JSONKeyTable, startTimeFormat: StartTimeFormat?) {
            keys = JSONKeyTable(layering: table, over: .istio)
            self.startTimeFormat = startTimeFormat
        }
    }

    /// `record` was reset by the caller.
    static func parse(_ line: UnsafeRawBufferPointer, custom: CustomKeys?, names: inout ExtraNameCache,
                      minutes: inout ISO8601Bytes.MinuteCache, into record: inout AccessRecord) -> LineClass {
        // Two copies of the loop: without a custom format, every custom-key branch folds away.
        if let custom {
            return parseObject(line, keys: custom.keys, custom: custom, names: &names, minutes: &minutes, into: &record)
        }
        return parseObject(line, keys: .istio, custom: nil, names: &names, minutes: &minutes, into: &record)
    }

    @inline(always)
    private static func parseObject(_ line: UnsafeRawBufferPointer, keys: JSONKeyTable, custom: CustomKeys?,
                                    names: inout ExtraNameCache, minutes: inout ISO8601Bytes.MinuteCache,
                                    into record: inout AccessRecord) -> LineClass {
        var scanner = JSONObjectScanner(line)
        guard scanner.begin(), let base = line.baseAddress else { return .malformed(.badJSON) }
        let count = line.count
        let customHasStartTimeFormat = custom?.startTimeFormat != nil
        var member = JSONMember()
        var accessKeys = 0
        var sawCustomKey = false
        var customStartTime = false
        var hasLevel = false
        var hasMessage = false
        loop: while true {
            // Key first, then its value: the key is looked up while the value is read, so fewer
            // values are live at once in this loop.
            switch scanner.nextKey(&member) {
            case .end: break loop
            case .error: return failure(line, accessKeys: accessKeys)
            case .member: break
            }
            let code = keys.fieldCode(base, member.keyLo, member.keyHi, count: count)
            guard scanner.nextValue(&member) else { return failure(line, accessKeys: accessKeys) }
            if code >= 0 {
                var field = code
                if custom != nil {
                    if code >= JSONKeyTable.upperFieldBase {   // a key of the custom format
                        field = code &- JSONKeyTable.upperFieldBase
                        sawCustomKey = true
                    }
                    // The time is decoded with the custom format when its key was the last to set it.
                    if field == AccessField.startTime.rawValue {
                        customStartTime = code >= JSONKeyTable.upperFieldBase && customHasStartTimeFormat
                    }
                }
                record.fields[field] = member.value
                accessKeys &+= 1
                continue
            }
            if code == JSONKeyTable.upperOtherTarget { sawCustomKey = true }
            let target = code == JSONKeyTable.unknownKey ? nil : keys.lookup(line, member.keyLo, member.keyHi)
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

        record.format = sawCustomKey ? .custom : (scanner.sawNonString ? .istioJSONTyped : .istioJSONStrings)
        record.escaped = scanner.sawEscape
        dropStartTimeInMethod(&record, line)
        if customStartTime, let format = custom?.startTimeFormat {
            let start = record[.startTime]
            if start.count > 0 { record.startTimeMs = format.epochMillis(line, Int(start.lo), Int(start.hi)) ?? -1 }
        }
        RecordDecoder.decode(&record, line, minutes: &minutes, decodeStartTime: !customStartTime)
        return .access
    }

    /// A line whose JSON object is broken: binary, a truncated access record, or other text.
    private static func failure(_ line: UnsafeRawBufferPointer, accessKeys: Int) -> LineClass {
        if LineBytesCheck.isBinary(line) { return .malformed(.binary) }
        return accessKeys > 0 ? .malformed(.badJSON) : .nonAccess(.continuation)
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
