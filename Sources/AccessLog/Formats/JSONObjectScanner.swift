/// One `"key": value` pair of a flat JSON object, as offsets into the line.
struct JSONMember {
    enum Kind: UInt8 { case string, number, null, boolean, nested }
    /// The key without quotes (escapes not decoded).
    var keyLo = 0
    var keyHi = 0
    /// The value: a string without its quotes, or the raw number / `true` / nested `{…}` / `[…]` text.
    var value = FieldRange.absent
    var kind = Kind.string
}

/// A byte-level scanner for one flat JSON object per line (`{"k":"v","n":1,…}`), with whitespace
/// between tokens, string escapes, numbers, `null`, booleans, and nested values skipped as a whole.
/// No allocation, no `String`.
struct JSONObjectScanner {
    enum Step { case member, end, error }

    let line: UnsafeRawBufferPointer
    private(set) var position = 0
    /// A string (key or value) held a backslash escape.
    private(set) var sawEscape = false
    private var expectComma = false

    init(_ line: UnsafeRawBufferPointer) {
        self.line = line
    }

    /// Moves past the opening `{`; false when the line does not start an object.
    mutating func begin() -> Bool {
        skipSpace()
        guard position < line.count, line[position] == UInt8(ascii: "{") else { return false }
        position += 1
        return true
    }

    /// Reads the next member into `member`; `.end` after the closing `}` (only whitespace may follow).
    mutating func next(_ member: inout JSONMember) -> Step {
        skipSpace()
        guard position < line.count else { return .error }
        if line[position] == UInt8(ascii: "}") {
            position += 1
            skipSpace()
            return position == line.count ? .end : .error
        }
        if expectComma {
            guard line[position] == UInt8(ascii: ",") else { return .error }
            position += 1
            skipSpace()
            guard position < line.count else { return .error }
        }
        guard line[position] == UInt8(ascii: "\""), let keyEnd = stringEnd(from: position + 1) else { return .error }
        member.keyLo = position + 1
        member.keyHi = keyEnd
        position = keyEnd + 1
        skipSpace()
        guard position < line.count, line[position] == UInt8(ascii: ":") else { return .error }
        position += 1
        skipSpace()
        guard readValue(&member) else { return .error }
        expectComma = true
        return .member
    }

    private mutating func readValue(_ member: inout JSONMember) -> Bool {
        guard position < line.count else { return false }
        let start = position
        switch line[position] {
        case UInt8(ascii: "\""):
            guard let end = stringEnd(from: start + 1) else { return false }
            member.value = FieldRange(start + 1, end)
            member.kind = .string
            position = end + 1
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            position += 1
            while position < line.count, Self.isNumberByte(line[position]) { position += 1 }
            member.value = FieldRange(start, position)
            member.kind = .number
        case UInt8(ascii: "n"):
            guard FormatBytes.hasPrefix(line, at: start, "null") else { return false }
            position += 4
            member.value = .absent
            member.kind = .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let isTrue = line[start] == UInt8(ascii: "t")
            guard FormatBytes.hasPrefix(line, at: start, isTrue ? "true" : "false") else { return false }
            position += isTrue ? 4 : 5
            member.value = FieldRange(start, position)
            member.kind = .boolean
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard let end = nestedEnd(from: start) else { return false }
            position = end
            member.value = FieldRange(start, end)
            member.kind = .nested
        default:
            return false
        }
        return true
    }

    /// Offset of the closing quote of a string whose text starts at `from`, or nil when unterminated.
    @inline(__always)
    private mutating func stringEnd(from: Int) -> Int? {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let n = line.count
        var j = from
        while true {
            j = ByteFinder.first(UInt8(ascii: "\""), or: UInt8(ascii: "\\"), base, from: j, to: n)
            if j >= n { return nil }
            if base[j] == UInt8(ascii: "\"") { return j }
            sawEscape = true
            j += 2
        }
    }

    /// Offset just past a balanced `{…}` / `[…]` starting at `from`, or nil.
    private mutating func nestedEnd(from: Int) -> Int? {
        var depth = 0
        var j = from
        while j < line.count {
            switch line[j] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(from: j + 1) else { return nil }
                j = end
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return j + 1 }
            default: break
            }
            j += 1
        }
        return nil
    }

    @inline(__always) private mutating func skipSpace() {
        while position < line.count {
            let b = line[position]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
            position += 1
        }
    }

    @inline(__always) private static func isNumberByte(_ b: UInt8) -> Bool {
        FormatBytes.isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}
