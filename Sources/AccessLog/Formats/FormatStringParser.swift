/// Splits an Envoy format string into literal text and `%OPERATOR%` pieces, the way Envoy's
/// substitution-format parser reads it: `%NAME%`, `%NAME(ARG)%`, `%NAME(ARG):Z%`, and `%%` for a
/// literal `%`. Operator names are upper case letters, digits and `_`; an argument may contain `%`.
enum FormatStringParser {
    enum Piece: Equatable {
        case literal([UInt8])
        case op(FormatOperator)
    }

    static func pieces(_ format: String) throws(FormatError) -> [Piece] {
        let f = Array(format.utf8)
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var i = 0
        while i < f.count {
            guard f[i] == UInt8(ascii: "%") else {
                literal.append(f[i])
                i += 1
                continue
            }
            if i + 1 < f.count, f[i + 1] == UInt8(ascii: "%") {
                literal.append(UInt8(ascii: "%"))
                i += 2
                continue
            }
            let (op, end) = try readOperator(f, at: i)
            if !literal.isEmpty { pieces.append(.literal(literal)); literal = [] }
            pieces.append(.op(op))
            i = end
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// Reads the operator whose `%` is at `start`; returns it and the offset past its closing `%`.
    private static func readOperator(_ f: [UInt8], at start: Int) throws(FormatError) -> (FormatOperator, Int) {
        let column = columnOf(f, start)
        var i = start + 1
        while i < f.count, FormatBytes.isUpper(f[i]) || FormatBytes.isDigit(f[i]) || f[i] == UInt8(ascii: "_") {
            i += 1
        }
        let name = String(decoding: f[(start + 1)..<i], as: UTF8.self)
        guard !name.isEmpty else {
            throw FormatError("expected an operator name after %", column: column)
        }
        var argument: String? = nil
        if i < f.count, f[i] == UInt8(ascii: "(") {
            var depth = 1
            var j = i + 1
            while j < f.count, depth > 0 {
                if f[j] == UInt8(ascii: "(") { depth += 1 }
                if f[j] == UInt8(ascii: ")") { depth -= 1 }
                j += 1
            }
            guard depth == 0 else {
                throw FormatError("unterminated %\(name)( (no closing parenthesis)", column: column)
            }
            argument = String(decoding: f[(i + 1)..<(j - 1)], as: UTF8.self)
            i = j
        }
        var maxLength: Int? = nil
        if i < f.count, f[i] == UInt8(ascii: ":") {
            var j = i + 1
            var value = 0
            while j < f.count, FormatBytes.isDigit(f[j]), value < 1_000_000 { value = value * 10 + Int(f[j] &- 48); j += 1 }
            if j > i + 1 {
                maxLength = value
                i = j
            }
        }
        let op = FormatOperator(name: name, argument: argument, maxLength: maxLength)
        guard i < f.count, f[i] == UInt8(ascii: "%") else {
            throw FormatError("unterminated %\(op.spelling)", column: column)
        }
        return (op, i + 1)
    }

    /// 1-based column in characters (not bytes) of byte offset `offset`.
    private static func columnOf(_ f: [UInt8], _ offset: Int) -> Int {
        var column = 1
        for k in 0..<offset where f[k] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}
