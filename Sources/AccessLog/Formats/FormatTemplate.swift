/// A text `--format` compiled into literals and value slots, matched left to right against a line:
/// a literal must appear exactly; a value runs until the next literal's first occurrence (or to the
/// end of the line). Quoted operators (`"%REQ(USER-AGENT)%"`) work because `"` is a literal, and a
/// `\"` inside a quoted value does not end it. Two operators with no literal between them: the
/// first takes its digits when it prints an integer, else a run of non-space bytes.
struct FormatTemplate: Sendable {
    struct Slot: Sendable {
        enum Target: Sendable {
            case field(AccessField)
            case extra(name: String)
        }
        let target: Target
        /// The operator prints an integer or `-`; other text means the line is not this format.
        let integer: Bool
        /// `%START_TIME(fmt)%` with a supported `fmt`: the value is read (and ended) by this format.
        let time: StartTimeFormat?
        /// A START_TIME whose value must be ISO-8601 (no argument).
        let isoTime: Bool
        /// The value sits between `"` literals (it may hold `\"`).
        let quoted: Bool
    }

    enum Item: Sendable {
        case literal([UInt8])
        case value(Slot)
    }

    let items: [Item]

    init(_ pieces: [FormatStringParser.Piece]) {
        var items: [Item] = []
        for (k, piece) in pieces.enumerated() {
            switch piece {
            case .literal(let bytes): items.append(.literal(bytes))
            case .op(let op):
                let before = k > 0 ? pieces[k - 1] : nil
                let after = k + 1 < pieces.count ? pieces[k + 1] : nil
                items.append(.value(Self.slot(for: op, before: before, after: after)))
            }
        }
        self.items = items
    }

    private static func slot(for op: FormatOperator, before: FormatStringParser.Piece?,
                             after: FormatStringParser.Piece?) -> Slot {
        let target: Slot.Target = op.field.map { .field($0) } ?? .extra(name: op.spelling)
        let isStart = op.name == "START_TIME"
        var quoted = false
        if case .literal(let b)? = before, case .literal(let a)? = after {
            quoted = b.last == UInt8(ascii: "\"") && a.first == UInt8(ascii: "\"")
        }
        return Slot(target: target, integer: op.printsInteger,
                    time: isStart ? op.argument.flatMap { StartTimeFormat($0) } : nil,
                    isoTime: isStart && op.argument == nil, quoted: quoted)
    }

    /// Matches the whole line; on success fills `record`'s ranges and start time (the caller decodes
    /// the rest). Returns false, leaving `record` partly filled, when the line is not this format.
    func match(_ line: UnsafeRawBufferPointer, into record: inout AccessRecord) -> Bool {
        let n = line.count
        var p = 0
        for k in items.indices {
            switch items[k] {
            case .literal(let literal):
                guard Self.matches(literal, line, at: p) else { return false }
                p += literal.count
            case .value(let slot):
                var end: Int
                if let time = slot.time {
                    guard let (ms, timeEnd) = time.scan(line, from: p, to: n) else { return false }
                    record.startTimeMs = ms
                    end = timeEnd
                } else if k + 1 == items.count {
                    end = n
                    while end > p, FormatBytes.isSpace(line[end - 1]) { end -= 1 }
                } else if case .literal(let next) = items[k + 1] {
                    guard let found = Self.find(next, in: line, from: p, quoted: slot.quoted) else { return false }
                    end = found
                } else if slot.integer {
                    end = p
                    if end < n, line[end] == UInt8(ascii: "-") { end += 1 }
                    while end < n, FormatBytes.isDigit(line[end]) { end += 1 }
                } else {
                    end = FormatBytes.find(0x20, in: line, p, n)
                }
                let range = FieldRange(p, end)
                guard accept(slot, range, line, &record) else { return false }
                p = end
            }
        }
        while p < n, FormatBytes.isSpace(line[p]) { p += 1 }
        return p == n
    }

    private func accept(_ slot: Slot, _ range: FieldRange, _ line: UnsafeRawBufferPointer,
                        _ record: inout AccessRecord) -> Bool {
        if slot.integer, !FormatBytes.isNumericOrDash(line, range) { return false }
        if slot.isoTime, !FormatBytes.isDash(line, range),
           ISO8601Bytes.epochMillis(line.bytes(range)) == nil { return false }
        if slot.quoted, FormatBytes.find(UInt8(ascii: "\\"), in: line, Int(range.lo), Int(range.hi)) < Int(range.hi) {
            record.escaped = true
        }
        switch slot.target {
        case .field(let field): record[field] = range
        case .extra(let name): record.extraFields.append(ExtraField(name: name, range: range))
        }
        return true
    }

    @inline(__always)
    private static func matches(_ literal: [UInt8], _ line: UnsafeRawBufferPointer, at p: Int) -> Bool {
        guard p + literal.count <= line.count else { return false }
        for (k, b) in literal.enumerated() where line[p + k] != b { return false }
        return true
    }

    /// First offset ≥ `from` where `literal` occurs; in a quoted value a `"` after `\` is skipped.
    private static func find(_ literal: [UInt8], in line: UnsafeRawBufferPointer, from: Int, quoted: Bool) -> Int? {
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
