/// Finds where a JSON string ends: the first quote that is not escaped by an odd run of
/// backslashes. Sixteen bytes are compared at once (`ByteMask.equal16`, SSE2 on x86-64), so a
/// typical key or value of an access line costs one or two comparisons instead of a byte loop.
///
/// No read leaves `base[0..<count]`: the fast loop only loads sixteen bytes that are all inside;
/// the last few bytes of a line are searched by loading the line's final sixteen bytes and
/// shifting the bits already passed away (a byte loop when the whole line is shorter than that).
enum JSONStringEnd {
    private static var quote: UInt8 { UInt8(ascii: "\"") }
    private static var backslash: UInt8 { UInt8(ascii: "\\") }

    /// Offset of the closing quote of the string whose text starts at `from` (just after its
    /// opening quote, so `from >= 1`), or nil when the line ends first.
    @inline(always)
    static func find(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
        var j = from
        let last = count &- 16      // the last offset with sixteen readable bytes
        while j <= last {
            let hits = ByteMask.equal16(base + j, quote)
            if hits != 0 {
                let q = j &+ hits.trailingZeroBitCount
                // `base[from - 1]` is the opening quote, so `q - 1` is always readable.
                if base[q &- 1] != backslash { return q }
                return search(base, stringStart: from, at: q, count: count)
            }
            j &+= 16
        }
        return search(base, stringStart: from, at: j, count: count)
    }

    /// The general search from `at` on: escaped quotes and the last bytes of the line.
    @inline(never)
    static func search(_ base: UnsafePointer<UInt8>, stringStart: Int, at: Int, count: Int) -> Int? {
        var j = at
        while true {
            let hits: UInt64
            if j &+ 16 <= count {
                hits = ByteMask.equal16(base + j, quote)
            } else {
                guard j < count else { return nil }
                hits = quotesNearEnd(base, from: j, count: count)
            }
            if hits == 0 {
                j &+= 16
                continue
            }
            let q = j &+ hits.trailingZeroBitCount
            if base[q &- 1] != backslash || !isEscaped(base, q, stringStart: stringStart) { return q }
            j = q &+ 1
        }
    }

    /// Quote bits of `j..<count` when fewer than 16 bytes are left: the last 16 bytes of the line
    /// shifted down, or a byte loop when the whole line is shorter.
    static func quotesNearEnd(_ base: UnsafePointer<UInt8>, from j: Int, count: Int) -> UInt64 {
        if count >= 16 {
            let start = count &- 16
            return ByteMask.equal16(base + start, quote) &>> UInt64(j &- start)
        }
        var hits: UInt64 = 0
        for i in j..<count where base[i] == quote { hits |= 1 &<< UInt64(i &- j) }
        return hits
    }

    /// True when the quote at `q` follows an odd run of backslashes inside the string.
    private static func isEscaped(_ base: UnsafePointer<UInt8>, _ q: Int, stringStart: Int) -> Bool {
        var k = q &- 1
        while k > stringStart, base[k &- 1] == backslash { k &-= 1 }
        return (q &- k) & 1 == 1     // an even run: the backslashes escape each other
    }
}
