/// The general JSON object grammar of `JSONObjectScanner`: whitespace between any tokens, the
/// closing `}`, every kind of value (strings, numbers, literals, nested objects and arrays), and
/// the errors. `next` reads Envoy's compact members itself and falls back to this for the rest.
extension JSONObjectScanner {
    /// The key of the next member in any shape: whitespace between tokens, the closing `}`,
    /// malformed input. After `.member`, `position` is just past the key's closing quote.
    mutating func keyOfNextMember(_ member: inout JSONMember) -> Step {
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
        guard let keyEnd = JSONStringEnd.find(base, from: position &+ 1, count: count) else { return .error }
        member.keyLo = position &+ 1
        member.keyHi = keyEnd
        position = keyEnd &+ 1
        return .member
    }

    /// The `:` and the value after a key; `position` is just past the key's closing quote.
    mutating func valueAfterKey(_ member: inout JSONMember) -> Step {
        if position >= count || base[position] != UInt8(ascii: ":") {
            skipSpace()
            guard position < count, base[position] == UInt8(ascii: ":") else { return .error }
        }
        position &+= 1
        guard readValue(&member) else { return .error }
        expectComma = true
        return .member
    }

    private mutating func readValue(_ member: inout JSONMember) -> Bool {
        if position >= count || Self.isSpace(base[position]) {
            skipSpace()
            guard position < count else { return false }
        }
        let start = position
        guard base[start] == UInt8(ascii: "\"") else { return readOtherValue(from: start, &member) }
        guard let end = JSONStringEnd.find(base, from: start &+ 1, count: count) else { return false }
        member.value = FieldRange(start &+ 1, end)
        member.kind = .string
        position = end &+ 1
        return true
    }

    /// A number, literal or nested value starting at `start` (`start < count`).
    private mutating func readOtherValue(from start: Int, _ member: inout JSONMember) -> Bool {
        switch base[start] {
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


    /// Offset just past a balanced `{…}` / `[…]` starting at `from`, or nil.
    private func nestedEnd(from: Int) -> Int? {
        var depth = 0
        var j = from
        while j < count {
            switch base[j] {
            case UInt8(ascii: "\""):
                guard let end = JSONStringEnd.find(base, from: j &+ 1, count: count) else { return nil }
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

    mutating func skipSpace() {
        while position < count, Self.isSpace(base[position]) { position &+= 1 }
    }
}
