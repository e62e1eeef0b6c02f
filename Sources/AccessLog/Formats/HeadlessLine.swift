/// Access lines that lost their start: pasted from chat, tickets and issue trackers, or cut by a
/// shipper, they lack the leading `[START_TIME] ` or just its `[`:
///
///     2024-05-06T07:08:09.123Z] "GET /a HTTP/1.1" 200 - …     the `[` is gone
///     :09.123Z] "GET /a HTTP/1.1" 200 - …                     part of the time is gone
///     "GET /a HTTP/1.1" 200 - …                               the whole first field is gone
///
/// Such a line is rebuilt as `[TIME] REST` in scratch space (`TIME` is the head when it is still a
/// whole ISO-8601 time, else `-`), parsed as the format the rest matches, and its field ranges are
/// moved back onto the original bytes. The start time is the head that was left (its partial text,
/// with no decoded time) or absent. Only lines that failed every other parse come here, so the
/// normal path pays nothing for it.
enum HeadlessLine {
    /// Where the parts of a headless line are, in the original bytes.
    struct Split {
        /// The start time text that is left (`headLo == headHi` when none is).
        var headLo: Int
        var headHi: Int
        /// Where the rest (the fields after the start time) begins.
        var restLo: Int
        /// The head is a whole ISO-8601 time (only the `[` was lost).
        var headIsWholeTime: Bool
    }

    /// Longest head (what is left of `[START_TIME]`) that is still taken as a start time.
    static let maxHeadLength = 40

    /// The parts of `line`, or nil when it does not look like a headless access line: a short head
    /// without spaces or quotes that ends in `] `, or no head at all and the line starts with `"`
    /// (when `needsQuotedRest`, as every built-in text format has after its start time).
    static func split(_ line: UnsafeRawBufferPointer, needsQuotedRest: Bool) -> Split? {
        let n = line.count
        guard n > 0 else { return nil }
        var close = -1
        for i in 0..<min(n, maxHeadLength + 2) {
            let b = line[i]
            if b == UInt8(ascii: "]") { close = i; break }
            if b == 0x20 || b == 0x09 || b == UInt8(ascii: "\"") { break }
        }
        if close >= 0, close + 1 < n, line[close + 1] == 0x20 {
            let headLo = line[0] == UInt8(ascii: "[") ? 1 : 0
            let rest = close + 2
            guard rest < n, !needsQuotedRest || line[rest] == UInt8(ascii: "\"") else { return nil }
            return Split(headLo: headLo, headHi: close, restLo: rest,
                         headIsWholeTime: looksLikeWholeTime(line, headLo, close))
        }
        guard line[0] == UInt8(ascii: "\"") || !needsQuotedRest else { return nil }
        return Split(headLo: 0, headHi: 0, restLo: 0, headIsWholeTime: false)
    }

    /// `YYYY-MM-DDThh:mm:ss…`: a start time that only lost its `[`.
    private static func looksLikeWholeTime(_ line: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Bool {
        hi - lo >= 19 && FormatBytes.isDigit(line[lo]) && FormatBytes.isDigit(line[lo + 3])
            && line[lo + 4] == UInt8(ascii: "-") && line[lo + 7] == UInt8(ascii: "-")
            && line[lo + 10] == UInt8(ascii: "T")
    }

    /// Rebuilds `line` as `[TIME] REST` and calls `body` with the rebuilt bytes; `body` parses them
    /// into `record`. When it returns `.access`, the record's ranges are moved back onto `line` and
    /// its start time set to the head. Other results are returned as they are (the caller resets).
    static func parse(_ line: UnsafeRawBufferPointer, _ split: Split, into record: inout AccessRecord,
                      _ body: (UnsafeRawBufferPointer, inout AccessRecord) -> LineClass) -> LineClass {
        let headCount = split.headIsWholeTime ? split.headHi - split.headLo : 1
        let restCount = line.count - split.restLo
        let total = 1 + headCount + 2 + restCount
        return withUnsafeTemporaryAllocation(byteCount: total, alignment: 16) { scratch in
            scratch[0] = UInt8(ascii: "[")
            if split.headIsWholeTime {
                scratch.baseAddress!.advanced(by: 1)
                    .copyMemory(from: line.baseAddress! + split.headLo, byteCount: headCount)
            } else {
                scratch[1] = UInt8(ascii: "-")
            }
            scratch[1 + headCount] = UInt8(ascii: "]")
            scratch[2 + headCount] = 0x20
            let restStart = 3 + headCount
            if restCount > 0 {
                scratch.baseAddress!.advanced(by: restStart)
                    .copyMemory(from: line.baseAddress! + split.restLo, byteCount: restCount)
            }
            let result = body(UnsafeRawBufferPointer(scratch), &record)
            guard result == .access else { return result }
            // Back onto `line`: a range inside the rebuilt start holds nothing of the original (made
            // absent), and one that began there — a format with no space after its start time takes
            // the inserted one into its next field — keeps only its part in the rest.
            let delta = Int32(split.restLo - restStart)
            let rest = Int32(restStart)
            func moved(_ r: FieldRange) -> FieldRange {
                if r.isAbsent || r.lo >= rest { return r.isAbsent ? r : FieldRange(lo: r.lo + delta, hi: r.hi + delta) }
                return r.hi > rest ? FieldRange(lo: rest + delta, hi: r.hi + delta) : .absent
            }
            for i in 0..<AccessField.count { record.fields[i] = moved(record.fields[i]) }
            for k in record.extraFields.indices { record.extraFields[k].range = moved(record.extraFields[k].range) }
            if split.headHi > split.headLo {
                record[.startTime] = FieldRange(split.headLo, split.headHi)
                if !split.headIsWholeTime { record.startTimeMs = -1 }
            } else {
                record[.startTime] = .absent
                record.startTimeMs = -1
            }
            return .access
        }
    }
}
