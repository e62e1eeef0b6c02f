/// Parses a text access line that starts with `[ISO-8601]`: Istio's formats of every version and
/// Envoy's default format, told apart by token count and quoting (reference §1.2).
enum TextLineParser {
    /// `ranges` is scratch space for `TextTokenizer.scratchCapacity` tokens. `record` was reset by the caller.
    /// `timeRequired`: the start time must decode (false for a line rebuilt by `HeadlessLine`).
    @inline(__always)
    static func parse(_ line: UnsafeRawBufferPointer, ranges: UnsafeMutablePointer<FieldRange>,
                      minutes: inout ISO8601Bytes.MinuteCache, into record: inout AccessRecord,
                      timeRequired: Bool = true) -> LineClass {
        let tokens = TextTokenizer.tokenize(line, into: ranges)
        guard tokens.count >= 4, tokens.isQuoted(1), !tokens.isQuoted(2) else {
            return .malformed(.badAccessShape)
        }
        if tokens.count == 22 && tokens.quotedMask == TextLayout.istio19QuotedMask {
            // Istio 1.9 → latest, nearly every line of a current mesh.
            record.format = .istio19Plus
            fillIstio19(ranges: ranges, line: line, into: &record)
        } else if let (layout, emptyRoute) = TextLayout.select(tokens) {
            record.format = layout.format
            fill(layout, count: tokens.count, ranges: ranges, line: line, into: &record)
            if emptyRoute { record[.routeName] = FieldRange(tokens.contentEnd, tokens.contentEnd) }
        } else {
            guard TextFallback.fill(tokens, ranges: ranges, line: line, into: &record) else {
                return .malformed(.badAccessShape)
            }
        }
        record.escaped = tokens.escaped
        guard RecordDecoder.decodeTokens(&record, line, minutes: &minutes), record.startTimeMs >= 0 || !timeRequired else {
            return .malformed(.badAccessShape)
        }
        return .access
    }

    /// `TextLayout.istio19` without the table: tokens 2…21 are fields 4…23 in order, so they are
    /// copied as one block.
    @inline(__always)
    static func fillIstio19(ranges: UnsafeMutablePointer<FieldRange>, line: UnsafeRawBufferPointer,
                            into record: inout AccessRecord) {
        record.fields[AccessField.startTime.rawValue] = ranges[0]
        for i in 2..<22 { record.fields[i + 2] = ranges[i] }
        splitRequestLine(ranges[1], line: line, into: &record)
    }

    /// Copies token ranges into the record's fields as `layout` says.
    @inline(__always)
    static func fill(_ layout: TextLayout, count: Int, ranges: UnsafeMutablePointer<FieldRange>,
                     line: UnsafeRawBufferPointer, into record: inout AccessRecord) {
        let codes = layout.codes.span
        for i in 0..<min(count, layout.tokenCount) {
            let code = codes[i]
            if code >= 0 {
                record.fields[Int(code)] = ranges[i]
            } else if code == TextLayout.requestLineCode {
                splitRequestLine(ranges[i], line: line, into: &record)
            } else {
                record.extraFields.append(ExtraField(name: TextLayout.mixerStatusName, range: ranges[i]))
            }
        }
    }

    /// `METHOD PATH PROTOCOL` → three fields, split at the first and the last space (a path with
    /// spaces stays whole). `- - -` (TCP) gives three `-` fields.
    static func splitRequestLine(_ range: FieldRange, line: UnsafeRawBufferPointer, into record: inout AccessRecord) {
        let lo = Int(range.lo)
        let hi = Int(range.hi)
        var firstSpace = hi
        var lastSpace = hi - 1
        if hi - lo >= 16, let base = line.baseAddress, hi <= line.count {
            // Methods and protocols are short: the first 16 bytes hold the first space and the last
            // 16 bytes the last one (a space inside the path between them does not matter).
            let head = ByteMask.equal16(base + lo, 0x20)
            let tail = ByteMask.equal16(base + (hi - 16), 0x20)
            if head != 0 { firstSpace = lo + head.trailingZeroBitCount }
            if tail != 0 { lastSpace = hi - 16 + (63 - tail.leadingZeroBitCount) }
        }
        if firstSpace == hi { firstSpace = FormatBytes.find(0x20, in: line, lo, hi) }
        guard firstSpace < hi else {
            record[.method] = range
            return
        }
        if lastSpace < firstSpace { lastSpace = firstSpace }
        while lastSpace > firstSpace, line[lastSpace] != 0x20 { lastSpace -= 1 }
        record[.method] = FieldRange(lo, firstSpace)
        if lastSpace == firstSpace {
            record[.path] = FieldRange(firstSpace + 1, hi)
        } else {
            record[.path] = FieldRange(firstSpace + 1, lastSpace)
            record[.protocol] = FieldRange(lastSpace + 1, hi)
        }
    }
}
