import Glibc
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
    /// True once a member's value was not a string (typed JSON, Istio 1.8 and later).
    private(set) var sawNonString = false

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
    @inline(always)
    mutating func next(_ member: inout JSONMember) -> Step {
        let step = nextKey(&member)
        guard step == .member else { return step }
        return nextValue(&member) ? .member : .error
    }

    /// The first half of `next`: reads the next key into `member.keyLo/keyHi` (`.member`), or
    /// finds the end of the object or an error. Call `nextValue` after `.member`.
    ///
    /// Envoy writes compact JSON: `,"key":` right at `position` (no comma before the first key).
    /// That shape is read here; anything else (whitespace, the closing `}`, errors) goes through
    /// the general grammar, which gives the same result for the compact shape too.
    @inline(always)
    mutating func nextKey(_ member: inout JSONMember) -> Step {
        let open: Int
        if expectComma {
            open = position &+ 1
            guard open < count, pair(at: position) == Self.commaQuote else { return generalNextKey(&member) }
        } else {
            open = position
            guard open < count, base[open] == UInt8(ascii: "\"") else { return generalNextKey(&member) }
        }
        // On an error the general grammar runs again from `position`, for its error position.
        guard let keyEnd = JSONStringEnd.find(base, from: open &+ 1, count: count) else {
            return generalNextKey(&member)
        }
        member.keyLo = open &+ 1
        member.keyHi = keyEnd
        position = keyEnd &+ 1
        return .member
    }

    /// `nextKey` for every shape but a compact key: the line's final `}` here, the rest out of line.
    @inline(always)
    private mutating func generalNextKey(_ member: inout JSONMember) -> Step {
        if position &+ 1 == count, base[position] == UInt8(ascii: "}") {
            position = count
            return .end
        }
        let resumed = Self.generalKey(base, count, position, expectComma)
        position = resumed.position
        member.keyLo = resumed.keyLo
        member.keyHi = resumed.keyHi
        return resumed.step
    }

    /// The second half of `next`: the `:` and the value after the key just read; false on an error.
    /// Compact `:"text"`, `:123` and `:null` are read here, anything else by the general grammar.
    @inline(always)
    mutating func nextValue(_ member: inout JSONMember) -> Bool {
        let valueStart = position &+ 1
        if valueStart < count, base[position] == UInt8(ascii: ":") {
            let first = base[valueStart]
            if first == UInt8(ascii: "\""),
               let end = JSONStringEnd.find(base, from: valueStart &+ 1, count: count) {
                member.value = FieldRange(valueStart &+ 1, end)
                member.kind = .string
                position = end &+ 1
                expectComma = true
                return true
            }
            if FormatBytes.isDigit(first) {
                let end = numberEnd(from: valueStart &+ 1)
                member.value = FieldRange(valueStart, end)
                member.kind = .number
                position = end
                expectComma = true
                sawNonString = true
                return true
            }
            if first == UInt8(ascii: "n"), word(at: valueStart, "null") {
                member.value = .absent
                member.kind = .null
                position = valueStart &+ 4
                expectComma = true
                sawNonString = true
                return true
            }
        }
        let resumed = Self.generalValue(base, count, position)
        position = resumed.position
        member.value = resumed.value
        member.kind = resumed.kind
        if resumed.ok {
            expectComma = true
            if resumed.kind != .string { sawNonString = true }
        }
        return resumed.ok
    }

    /// The general grammar for a key, on a copy of the state (out of line: only plain values
    /// cross, so the caller's state can stay in registers).
    @inline(never)
    private static func generalKey(_ base: UnsafePointer<UInt8>, _ count: Int, _ position: Int, _ expectComma: Bool)
        -> (step: Step, position: Int, keyLo: Int, keyHi: Int) {
        var scanner = JSONObjectScanner(base: base, count: count, position: position, expectComma: expectComma)
        var member = JSONMember()
        let step = scanner.keyOfNextMember(&member)
        return (step, scanner.position, member.keyLo, member.keyHi)
    }

    /// The general grammar for the `:` and value after a key, on a copy of the state.
    @inline(never)
    private static func generalValue(_ base: UnsafePointer<UInt8>, _ count: Int, _ position: Int)
        -> (ok: Bool, position: Int, value: FieldRange, kind: JSONMember.Kind) {
        var scanner = JSONObjectScanner(base: base, count: count, position: position, expectComma: true)
        var member = JSONMember()
        let ok = scanner.valueAfterKey(&member) == .member
        return (ok, scanner.position, member.value, member.kind)
    }

    /// `,"` as read by `pair(at:)`.
    private static var commaQuote: UInt16 { 0x222C }

    /// The two bytes at `at` (`at + 1 < count`), the first in the low byte.
    @inline(always)
    private func pair(at: Int) -> UInt16 {
        UInt16(littleEndian: UnsafeRawPointer(base + at).loadUnaligned(as: UInt16.self))
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

    /// Offset of the first byte at or after `from` that cannot continue a JSON number. Digits are
    /// checked eight at a time: a byte `b` is a digit when `b ^ 0x30` is below 10, i.e. its high
    /// nibble is 0 and adding 6 does not carry into it. (A carry out of a non-digit byte can only
    /// mark the bytes above it, so the lowest marked byte is exact.) The rest (`.`, `e`, signs) is
    /// read byte by byte.
    @inline(always)
    func numberEnd(from: Int) -> Int {
        var end = from
        while end &+ 8 <= count {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
                ^ 0x3030_3030_3030_3030
            let notDigit = (x | (x &+ 0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0
            if notDigit != 0 {
                end &+= notDigit.trailingZeroBitCount &>> 3
                break
            }
            end &+= 8
        }
        while end < count, Self.isNumberByte(base[end]) { end &+= 1 }
        return end
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
