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
///
/// `next` reads the compact members Envoy writes in line; every other shape goes through the
/// general grammar (`JSONObjectScanner+Grammar.swift`), called out of line on copies of the state
/// so that the state of the fast path can stay in registers.
struct JSONObjectScanner {
    enum Step { case member, end, error }

    let base: UnsafePointer<UInt8>
    let count: Int
    /// Offset of the next byte to read.
    var position = 0
    /// True after a member: the next token must be `,` or `}`.
    var expectComma = false

    /// Stands in for the base address of an empty line; never read (every access checks `count`).
    nonisolated(unsafe) private static let placeholder: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
        p.initialize(repeating: 0, count: 8)
        return p
    }()

    init(_ line: UnsafeRawBufferPointer) {
        count = line.count
        base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(Self.placeholder)
    }

    private init(base: UnsafePointer<UInt8>, count: Int, position: Int, expectComma: Bool) {
        self.base = base
        self.count = count
        self.position = position
        self.expectComma = expectComma
    }

    /// Moves past the opening `{`; false when the line does not start an object.
    mutating func begin() -> Bool {
        skipSpace()
        guard position < count, base[position] == UInt8(ascii: "{") else { return false }
        position &+= 1
        return true
    }

    /// Reads the next member into `member`; `.end` after the closing `}` (only whitespace may follow).
    ///
    /// Envoy writes compact JSON: `,"key":"value"`, `,"key":123` or `,"key":null` right at
    /// `position` (no comma before the first key). That shape is read here; anything else
    /// (whitespace, the closing `}`, other values, errors) goes through the general grammar, which
    /// gives the same result for the compact shape too.
    @inline(always)
    mutating func next(_ member: inout JSONMember) -> Step {
        let open = expectComma ? position &+ 1 : position
        guard open < count, base[open] == UInt8(ascii: "\""),
              !expectComma || base[position] == UInt8(ascii: ",") else {
            if position &+ 1 == count, base[position] == UInt8(ascii: "}") {   // the line's last byte
                position = count
                return .end
            }
            return resume(&member, afterKey: false)
        }
        guard let keyEnd = JSONStringEnd.find(base, from: open &+ 1, count: count) else { return .error }
        member.keyLo = open &+ 1
        member.keyHi = keyEnd
        let valueStart = keyEnd &+ 2
        guard valueStart < count, base[keyEnd &+ 1] == UInt8(ascii: ":") else {
            position = keyEnd &+ 1
            return resume(&member, afterKey: true)
        }
        let first = base[valueStart]
        if first == UInt8(ascii: "\"") {
            guard let end = JSONStringEnd.find(base, from: valueStart &+ 1, count: count) else { return .error }
            member.value = FieldRange(valueStart &+ 1, end)
            member.kind = .string
            position = end &+ 1
        } else if FormatBytes.isDigit(first) {
            var end = valueStart &+ 1
            while end < count, Self.isNumberByte(base[end]) { end &+= 1 }
            member.value = FieldRange(valueStart, end)
            member.kind = .number
            position = end
        } else if first == UInt8(ascii: "n"), word(at: valueStart, "null") {
            member.value = .absent
            member.kind = .null
            position = valueStart &+ 4
        } else {
            position = keyEnd &+ 1
            return resume(&member, afterKey: true)
        }
        expectComma = true
        return .member
    }

    /// Continues with the general grammar: the whole member, or the `:` and value after a key.
    @inline(always)
    private mutating func resume(_ member: inout JSONMember, afterKey: Bool) -> Step {
        let resumed = Self.general(base, count, position, expectComma, member, afterKey: afterKey)
        position = resumed.scanner.position
        expectComma = resumed.scanner.expectComma
        member = resumed.member
        return resumed.step
    }

    /// The general grammar on a copy of the state (out of line: only plain values cross).
    @inline(never)
    private static func general(_ base: UnsafePointer<UInt8>, _ count: Int, _ position: Int, _ expectComma: Bool,
                                _ member: JSONMember, afterKey: Bool)
        -> (scanner: JSONObjectScanner, member: JSONMember, step: Step) {
        var scanner = JSONObjectScanner(base: base, count: count, position: position, expectComma: expectComma)
        var member = member
        let step = afterKey ? scanner.valueAfterKey(&member) : scanner.nextMember(&member)
        return (scanner, member, step)
    }

    /// True when the four bytes at `at` are `literal`.
    @inline(always)
    func word(at: Int, _ literal: StaticString) -> Bool {
        guard at &+ 4 <= count else { return false }
        let expected = UnsafeRawPointer(literal.utf8Start).loadUnaligned(as: UInt32.self)
        return UnsafeRawPointer(base + at).loadUnaligned(as: UInt32.self) == expected
    }

    /// True when a string of the object holds a backslash escape (`\"`, `\\`, `\u00e9`): one search
    /// over the whole line once the object has been read.
    var sawEscape: Bool {
        count > 0 && memchr(base, Int32(UInt8(ascii: "\\")), count) != nil   // libc's vectorised search
    }

    /// Space, tab, line feed or carriage return.
    @inline(always) static func isSpace(_ b: UInt8) -> Bool {
        let spaces: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0D
        return b <= 0x20 && (spaces &>> UInt64(b)) & 1 != 0
    }

    /// A byte that may continue a JSON number: a digit, `.`, `e`, `E`, `+` or `-`. One bit per byte
    /// from `+` (0x2B) to `e` (0x65).
    @inline(always) static func isNumberByte(_ b: UInt8) -> Bool {
        let numberBytes: UInt64 = 1 << 0 | 1 << 2 | 1 << 3 | 0x3FF << 5 | 1 << 26 | 1 << 58
        let d = b &- 0x2B
        return d < 64 && (numberBytes &>> UInt64(d)) & 1 != 0
    }
}
