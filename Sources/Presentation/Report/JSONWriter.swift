/// Writes pretty-printed JSON by hand, keys in the order they are written.
///
/// Strings are escaped for JSON and for terminals: `"` and `\`, every control character (C0, DEL,
/// C1) as `\u00XX` (or `\n`, `\t`, …), and U+2028/2029 plus the bidirectional overrides as `\uXXXX`.
/// Doubles are rounded to a given number of decimals with trailing zeros dropped; non-finite → null.
struct JSONWriter {
    private(set) var text = ""
    /// One entry per open container: whether it already has an element.
    private var hasElement: [Bool] = []
    private var afterKey = false

    init() { text.reserveCapacity(16_384) }

    mutating func beginObject() { openValue(); text += "{"; hasElement.append(false) }
    mutating func endObject() { close("}") }
    mutating func beginArray() { openValue(); text += "["; hasElement.append(false) }
    mutating func endArray() { close("]") }

    mutating func key(_ k: String) {
        separate()
        appendString(k)
        text += ": "
        afterKey = true
    }

    mutating func string(_ s: String?) {
        openValue()
        if let s { appendString(s) } else { text += "null" }
    }

    mutating func int(_ n: Int?) { openValue(); text += n.map { String($0) } ?? "null" }
    mutating func int64(_ n: Int64?) { openValue(); text += n.map { String($0) } ?? "null" }
    mutating func bool(_ b: Bool) { openValue(); text += b ? "true" : "false" }
    mutating func null() { openValue(); text += "null" }

    mutating func number(_ x: Double?, decimals: Int) {
        openValue()
        guard let x, x.isFinite else { text += "null"; return }
        text += Self.format(x, decimals: decimals)
    }

    // Shorthands for `key` followed by a value.
    mutating func field(_ k: String, _ s: String?) { key(k); string(s) }
    mutating func field(_ k: String, _ n: Int?) { key(k); int(n) }
    mutating func field(_ k: String, _ b: Bool) { key(k); bool(b) }
    mutating func field(_ k: String, _ x: Double?, decimals: Int) { key(k); number(x, decimals: decimals) }

    /// `x` rounded to `decimals`, without trailing zeros (`0.8333`, `12`, `-0.5`).
    static func format(_ x: Double, decimals: Int) -> String {
        let s = String(ReportFormat.fixed(x, decimals).filter { $0 != "," })
        guard s.contains(".") else { return s == "-0" ? "0" : s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return t == "-0" ? "0" : String(t)
    }

    private mutating func openValue() {
        if afterKey { afterKey = false; return }
        separate()
    }

    private mutating func separate() {
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] { text += "," }
        hasElement[hasElement.count - 1] = true
        text += "\n" + String(repeating: "  ", count: hasElement.count)
    }

    private mutating func close(_ bracket: String) {
        let had = hasElement.removeLast()
        if had { text += "\n" + String(repeating: "  ", count: hasElement.count) }
        text += bracket
    }

    private mutating func appendString(_ s: String) {
        text += "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case 0x0A: text += "\\n"
            case 0x0D: text += "\\r"
            case 0x09: text += "\\t"
            case 0x08: text += "\\b"
            case 0x0C: text += "\\f"
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                let hex = String(u.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(u)
            }
        }
        text += "\""
    }
}
