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
/// No allocation, no `String`. Compact JSON (no whitespace, as Envoy writes it) takes the straight
/// path; whitespace is skipped only where it is found.
struct JSONObjectScanner {
    enum Step { case member, end, error }

    let line: UnsafeRawBufferPointer
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private(set) var position = 0
    private var expectComma = false

    /// Stands in for the base address of an empty line; never read (every access checks `count`).
    nonisolated(unsafe) private static let placeholder: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
        p.initialize(repeating: 0, count: 8)
        return p
    }()

    init(_ line: UnsafeRawBufferPointer) {
        self.line = line
        count = line.count
        base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(Self.placeholder)
    }

    /// Moves past the opening `{`; false when the line does not start an object.
    mutating func begin() -> Bool {
        skipSpace()
        guard position < count, base[position] == UInt8(ascii: "{") else { return false }
        position &+= 1
        return true
    }

    /// Reads the next member into `member`; `.end` after the closing `}` (only whitespace may follow).
    @inline(__always)
    mutating func next(_ member: inout JSONMember) -> Step {
        if position < count, base[position] == UInt8(ascii: ",") && expectComma {
            position &+= 1
        } else {
            skipSpace()
            guard position < count else { return .error }
            if base[position] == UInt8(ascii: "}") {
                position &+= 1
                skipSpace()
                return position == count ? .end : .error
            }
            if expectComma {
                guard base[position] == UInt8(ascii: ",") else { return .error }
                position &+= 1
            }
        }
        if position >= count || base[position] != UInt8(ascii: "\"") {
            skipSpace()
            guard position < count, base[position] == UInt8(ascii: "\"") else { return .error }
        }
        guard let keyEnd = stringEnd(from: position &+ 1) else { return .error }
        member.keyLo = position &+ 1
        member.keyHi = keyEnd
        position = keyEnd &+ 1
        if position >= count || base[position] != UInt8(ascii: ":") {
            skipSpace()
            guard position < count, base[position] == UInt8(ascii: ":") else { return .error }
        }
        position &+= 1
        guard readValue(&member) else { return .error }
        expectComma = true
        return .member
    }

    @inline(__always)
    private mutating func readValue(_ member: inout JSONMember) -> Bool {
        if position >= count || Self.isSpace(base[position]) { skipSpace() }
        guard position < count else { return false }
        let start = position
        switch base[start] {
        case UInt8(ascii: "\""):
            guard let end = stringEnd(from: start &+ 1) else { return false }
            member.value = FieldRange(start &+ 1, end)
            member.kind = .string
            position = end &+ 1
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            position &+= 1
            while position < count, Self.isNumberByte(base[position]) { position &+= 1 }
            member.value = FieldRange(start, position)
            member.kind = .number
        case UInt8(ascii: "n"):
            guard word(at: start, "null") else { return false }
            position &+= 4
            member.value = .absent
            member.kind = .null
        case UInt8(ascii: "t"):
            guard word(at: start, "true") else { return false }
            position &+= 4
            member.value = FieldRange(start, position)
            member.kind = .boolean
        case UInt8(ascii: "f"):
            guard word(at: start &+ 1, "alse") else { return false }
            position &+= 5
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

    /// True when the four bytes at `at` are `literal`.
    @inline(__always)
    private func word(at: Int, _ literal: StaticString) -> Bool {
        guard at &+ 4 <= count else { return false }
        let expected = UnsafeRawPointer(literal.utf8Start).loadUnaligned(as: UInt32.self)
        return UnsafeRawPointer(base + at).loadUnaligned(as: UInt32.self) == expected
    }

    /// Offset of the closing quote of a string whose text starts at `from`, or nil when unterminated.
    /// Only quotes are searched for; a quote after an odd run of backslashes is escaped and skipped.
    @inline(__always)
    private func stringEnd(from: Int) -> Int? {
        var j = from
        while true {
            j = ByteFinder.first(UInt8(ascii: "\""), base, from: j, to: count)
            if j >= count { return nil }
            if j == from || base[j &- 1] != UInt8(ascii: "\\") { return j }
            var k = j &- 1
            while k > from, base[k &- 1] == UInt8(ascii: "\\") { k &-= 1 }
            if (j &- k) & 1 == 0 { return j }      // an even run: the backslashes escape each other
            j &+= 1
        }
    }

    /// True when a string of the object holds a backslash escape (`\"`, `\\`, `\u00e9`): one search
    /// over the whole line once the object has been read.
    var sawEscape: Bool {
        count > 0 && memchr(base, Int32(UInt8(ascii: "\\")), count) != nil   // libc's vectorised search
    }

    /// Offset just past a balanced `{…}` / `[…]` starting at `from`, or nil.
    private func nestedEnd(from: Int) -> Int? {
        var depth = 0
        var j = from
        while j < count {
            switch base[j] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(from: j &+ 1) else { return nil }
                j = end
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth &+= 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth &-= 1
                if depth == 0 { return j &+ 1 }
            default: break
            }
            j &+= 1
        }
        return nil
    }

    private mutating func skipSpace() {
        while position < count, Self.isSpace(base[position]) { position &+= 1 }
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    @inline(__always) private static func isNumberByte(_ b: UInt8) -> Bool {
        FormatBytes.isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}
