/// What the tokenizer found in one text access line.
struct TextTokens {
    /// Number of tokens (at most `TextTokenizer.capacity` are stored; `count` may be larger).
    var count = 0
    /// Bit `i` is set when token `i` was a `"…"` token (its range excludes the quotes).
    var quotedMask: UInt64 = 0
    /// The line ended with one or more spaces (Istio 1.8's empty `%ROUTE_NAME%`).
    var trailingSpace = false
    /// A quoted token held a backslash escape (`\"`).
    var escaped = false
    /// Offset just past the last non-space byte.
    var contentEnd = 0

    @inline(__always) func isQuoted(_ i: Int) -> Bool { i < 64 && quotedMask & (1 << UInt64(i)) != 0 }
}

/// Splits an Envoy text access line into tokens: the first token is `[…]`, then each token is
/// `"…"` (may hold spaces and `\"`) or a run of non-space bytes. Tokens are separated by one space;
/// two spaces in a row make an empty token (an empty unquoted value). Later tokens starting with `[`
/// (IPv6 `[2001:db8::5]:8001`) are ordinary unquoted tokens.
enum TextTokenizer {
    static let capacity = 48

    /// Tokenizes `line` (which starts with `[`) into `ranges` (room for `capacity` entries).
    static func tokenize(_ line: UnsafeRawBufferPointer, into ranges: UnsafeMutablePointer<FieldRange>) -> TextTokens {
        var t = TextTokens()
        var n = line.count
        while n > 0, line[n - 1] == 0x20 || line[n - 1] == 0x09 {
            n -= 1
            t.trailingSpace = true
        }
        t.contentEnd = n
        guard n > 0, let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return t }

        // Token 0: the bracketed start time.
        var close = 1
        while close < n, base[close] != UInt8(ascii: "]") { close += 1 }
        ranges[0] = FieldRange(1, close)
        t.count = 1
        var i = close + 1

        while i < n {
            // `i` is at the separator after the previous token.
            if base[i] == 0x20 { i += 1 }
            let start = i
            var range: FieldRange
            if i < n, base[i] == UInt8(ascii: "\"") {
                let (closeQuote, sawEscape) = closingQuote(base, from: i + 1, to: n)
                if sawEscape { t.escaped = true }
                range = FieldRange(start + 1, closeQuote)
                if t.count < 64 { t.quotedMask |= 1 << UInt64(t.count) }
                i = closeQuote + 1
                // Bytes glued after the closing quote belong to this token; skip them.
                while i < n, base[i] != 0x20 { i += 1 }
            } else {
                while i < n, base[i] != 0x20 { i += 1 }
                range = FieldRange(start, i)
            }
            if t.count < capacity { ranges[t.count] = range }
            t.count += 1
        }
        return t
    }

    /// Offset of the `"` that closes a quoted token whose text starts at `from` (or `to` when the
    /// quote is never closed), and whether a backslash escape was seen on the way.
    @inline(__always)
    static func closingQuote(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> (Int, Bool) {
        var j = from
        var escaped = false
        while j < to {
            let b = base[j]
            if b == UInt8(ascii: "\"") { return (j, escaped) }
            if b == UInt8(ascii: "\\") {
                escaped = true
                j += 2
                continue
            }
            j += 1
        }
        return (to, escaped)
    }
}
