/// A text `--format` compiled into literals and value slots, matched left to right against a line:
/// a literal must appear exactly; a value runs until the next literal's first occurrence (or to the
/// end of the line). Quoted operators (`"%REQ(USER-AGENT)%"`) work because `"` is a literal, and a
/// `\"` inside a quoted value does not end it. Two operators with no literal between them: the
/// first takes its digits when it prints an integer, else a run of non-space bytes.
final class FormatTemplate: Sendable {
    struct Slot: Sendable {
        /// The `AccessField` raw value the value fills, or -1 for an extra field.
        let field: Int
        /// The extra field's name (the operator as written), when `field` is -1.
        let extraName: String
        /// The operator prints an integer or `-`; other text means the line is not this format.
        let integer: Bool
        /// `%START_TIME(fmt)%` with a supported `fmt` (in `times`): the value is read, and ended, by it.
        let hasTime: Bool
        /// A START_TIME whose value must look like ISO-8601 (no argument).
        let isoTime: Bool
        /// The value sits between `"` literals (it may hold `\"`).
        let quoted: Bool
    }

    /// A literal (`slot < 0`, bytes `literalLo..<literalHi` of `literals`) or a value slot.
    struct Item: Sendable {
        var slot: Int
        var literalLo = 0
        var literalHi = 0
    }

    let items: [Item]
    let slots: [Slot]
    /// The compiled `START_TIME(fmt)` of each slot that has one.
    let times: [StartTimeFormat?]
    /// All literal bytes, one after another.
    let literals: [UInt8]
    /// The format has a plain `%START_TIME%`: a line matches only when it decodes as ISO-8601.
    let hasISOStartTime: Bool

    init(_ pieces: [FormatStringParser.Piece]) {
        var items: [Item] = []
        var slots: [Slot] = []
        var times: [StartTimeFormat?] = []
        var literals: [UInt8] = []
        for (k, piece) in pieces.enumerated() {
            switch piece {
            case .literal(let bytes):
                items.append(Item(slot: -1, literalLo: literals.count, literalHi: literals.count + bytes.count))
                literals += bytes
            case .op(let op):
                let before = k > 0 ? pieces[k - 1] : nil
                let after = k + 1 < pieces.count ? pieces[k + 1] : nil
                items.append(Item(slot: slots.count))
                let time = op.name == "START_TIME" ? op.argument.flatMap { StartTimeFormat($0) } : nil
                slots.append(Self.slot(for: op, hasTime: time != nil, before: before, after: after))
                times.append(time)
            }
        }
        self.items = items
        self.slots = slots
        self.times = times
        self.literals = literals
        hasISOStartTime = slots.contains { $0.isoTime }
    }

    private static func slot(for op: FormatOperator, hasTime: Bool, before: FormatStringParser.Piece?,
                             after: FormatStringParser.Piece?) -> Slot {
        var quoted = false
        if case .literal(let b)? = before, case .literal(let a)? = after {
            quoted = b.last == UInt8(ascii: "\"") && a.first == UInt8(ascii: "\"")
        }
        return Slot(field: op.field?.rawValue ?? -1, extraName: op.field == nil ? op.spelling : "",
                    integer: op.printsInteger, hasTime: hasTime,
                    isoTime: op.name == "START_TIME" && op.argument == nil, quoted: quoted)
    }

    /// The format starts with `[%START_TIME%]` (a plain ISO-8601 start time in brackets), as Istio's
    /// and Envoy's do: a line that lost that start can still be read (`HeadlessLine`).
    var startsWithBracketedISOTime: Bool {
        guard items.count >= 3, items[0].slot < 0, items[1].slot >= 0, slots[items[1].slot].isoTime,
              items[2].slot < 0, items[0].literalHi > items[0].literalLo, items[2].literalHi > items[2].literalLo
        else { return false }
        return literals[items[0].literalHi - 1] == UInt8(ascii: "[") && literals[items[2].literalLo] == UInt8(ascii: "]")
    }

    /// Matches the whole line; on success fills `record`'s ranges and start time (the caller decodes
    /// the rest). Returns false, leaving `record` partly filled, when the line is not this format.
    func match(_ line: UnsafeRawBufferPointer, into record: inout AccessRecord) -> Bool {
        literals.withUnsafeBytes { literalBytes in
            items.withUnsafeBufferPointer { items in
                slots.withUnsafeBufferPointer { slots in
                    match(line, items, slots, literalBytes, &record)
                }
            }
        }
    }

    private func match(_ line: UnsafeRawBufferPointer, _ items: UnsafeBufferPointer<Item>,
                       _ slots: UnsafeBufferPointer<Slot>, _ literalBytes: UnsafeRawBufferPointer,
                       _ record: inout AccessRecord) -> Bool {
        let n = line.count
        var p = 0
        for k in 0..<items.count {
            let item = items[k]
            if item.slot < 0 {
                let literal = UnsafeRawBufferPointer(rebasing: literalBytes[item.literalLo..<item.literalHi])
                guard Self.matches(literal, line, at: p) else { return false }
                p += literal.count
                continue
            }
            let slot = item.slot
            var end: Int
            if slots[slot].hasTime, let time = times[slot] {
                guard let (ms, timeEnd) = time.scan(line, from: p, to: n) else { return false }
                record.startTimeMs = ms
                end = timeEnd
            } else if k + 1 == items.count {
                end = n
                while end > p, FormatBytes.isSpace(line[end - 1]) { end -= 1 }
            } else if items[k + 1].slot < 0 {
                let next = items[k + 1]
                let literal = UnsafeRawBufferPointer(rebasing: literalBytes[next.literalLo..<next.literalHi])
                guard let found = Self.find(literal, in: line, from: p, quoted: slots[slot].quoted) else {
                    return false
                }
                end = found
            } else if slots[slot].integer {
                end = p
                if end < n, line[end] == UInt8(ascii: "-") { end += 1 }
                while end < n, FormatBytes.isDigit(line[end]) { end += 1 }
            } else {
                end = FormatBytes.find(0x20, in: line, p, n)
            }
            guard accept(slots, slot, FieldRange(p, end), line, &record) else { return false }
            p = end
        }
        while p < n, FormatBytes.isSpace(line[p]) { p += 1 }
        return p == n
    }

    @inline(__always)
    private func accept(_ slots: UnsafeBufferPointer<Slot>, _ slot: Int, _ range: FieldRange,
                        _ line: UnsafeRawBufferPointer, _ record: inout AccessRecord) -> Bool {
        if slots[slot].integer, !FormatBytes.isNumericOrDash(line, range) { return false }
        // Cheap shape check here; the value is decoded (with the minute cache) afterwards.
        if slots[slot].isoTime, !FormatBytes.isDash(line, range) {
            guard range.count >= 19, FormatBytes.isDigit(line[Int(range.lo)]),
                  line[Int(range.lo) + 4] == UInt8(ascii: "-") else { return false }
        }
        if slots[slot].quoted,
           FormatBytes.find(UInt8(ascii: "\\"), in: line, Int(range.lo), Int(range.hi)) < Int(range.hi) {
            record.escaped = true
        }
        let field = slots[slot].field
        if field >= 0 {
            record.fields[field] = range
        } else {
            record.extraFields.append(ExtraField(name: slots[slot].extraName, range: range))
        }
        return true
    }

    @inline(__always)
    private static func matches(_ literal: UnsafeRawBufferPointer, _ line: UnsafeRawBufferPointer, at p: Int) -> Bool {
        guard p + literal.count <= line.count else { return false }
        for k in 0..<literal.count where line[p + k] != literal[k] { return false }
        return true
    }

    /// First offset ≥ `from` where `literal` occurs; in a quoted value a `"` after `\` is skipped.
    private static func find(_ literal: UnsafeRawBufferPointer, in line: UnsafeRawBufferPointer, from: Int,
                             quoted: Bool) -> Int? {
        guard let first = literal.first, let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return literal.isEmpty ? from : nil
        }
        var i = from
        let last = line.count - literal.count
        while i <= last {
            i = ByteFinder.first(first, base, from: i, to: last + 1)
            guard i <= last else { return nil }
            if matches(literal, line, at: i),
               !(quoted && first == UInt8(ascii: "\"") && isEscaped(line, i, from)) {
                return i
            }
            i += 1
        }
        return nil
    }

    /// True when the byte at `i` follows an odd number of backslashes (not before `lo`).
    private static func isEscaped(_ line: UnsafeRawBufferPointer, _ i: Int, _ lo: Int) -> Bool {
        var k = i - 1
        var count = 0
        while k >= lo, line[k] == UInt8(ascii: "\\") { count += 1; k -= 1 }
        return count % 2 == 1
    }
}
