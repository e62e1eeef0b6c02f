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

    /// Tokenizes `line` (which starts with `[`) into `ranges` (room for `scratchCapacity` entries).
    @inline(__always)
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
        let close = firstCloseBracket(base, n)
        ranges[0] = FieldRange(1, close)
        t.count = 1
        var start = close + 1
        if start < n, base[start] == 0x20 { start += 1 }
        guard start < n else { return t }

        let afterFirstToken = t
        if tokenizeBlocks(base, from: start, to: n, into: ranges, &t) { return t }
        t = afterFirstToken

        // The slow path, for lines with escaped or stray quotes. Each token ends at a space (or the end), so the next one starts right after it: no load
        // of the separator sits in the chain from one token to the next.
        while true {
            var range: FieldRange
            var end: Int
            if base[start] == UInt8(ascii: "\"") {
                let (closeQuote, sawEscape) = closingQuote(base, from: start + 1, to: n)
                if sawEscape { t.escaped = true }
                range = FieldRange(start + 1, closeQuote)
                if t.count < 64 { t.quotedMask |= 1 << UInt64(t.count) }
                end = closeQuote + 1
                // Bytes glued after the closing quote belong to this token; skip them.
                if end < n, base[end] != 0x20 { end = ByteFinder.first(0x20, base, from: end, to: n) }
            } else {
                end = ByteFinder.first(0x20, base, from: start, to: n)
                range = FieldRange(start, end)
            }
            if t.count < capacity { ranges[t.count] = range }
            t.count += 1
            if end >= n { break }
            start = end + 1
        }
        return t
    }

    /// Offset of the first `]` in `base[1..<n]` (or `n`): Envoy's START_TIME puts it at 25, so two
    /// 16-byte masks over bytes 1…32 nearly always find it.
    @inline(__always)
    static func firstCloseBracket(_ base: UnsafePointer<UInt8>, _ n: Int) -> Int {
        guard n >= 33 else { return ByteFinder.first(UInt8(ascii: "]"), base, from: 1, to: n) }
        let raw = UnsafeRawPointer(base)
        let hits = ByteMask.equal16(raw + 1, UInt8(ascii: "]")) | ByteMask.equal16(raw + 17, UInt8(ascii: "]")) << 16
        if hits != 0 { return 1 &+ hits.trailingZeroBitCount }
        return ByteFinder.first(UInt8(ascii: "]"), base, from: 33, to: n)
    }

    /// Offset of the `"` that closes a quoted token whose text starts at `from` (or `to` when the
    /// quote is never closed), and whether an escaped quote `\"` was passed on the way.
    @inline(__always)
    static func closingQuote(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> (Int, Bool) {
        var j = from
        var escaped = false
        while true {
            j = ByteFinder.first(UInt8(ascii: "\""), base, from: j, to: to)
            guard j < to, isEscaped(base, j, from) else { return (j, escaped) }
            escaped = true
            j += 1
        }
    }

    /// True when the byte at `i` follows an odd number of backslashes (none before `lo` counted).
    @inline(__always)
    static func isEscaped(_ base: UnsafePointer<UInt8>, _ i: Int, _ lo: Int) -> Bool {
        var k = i - 1
        while k >= lo, base[k] == UInt8(ascii: "\\") { k -= 1 }
        return (i - 1 - k) & 1 == 1
    }
}
