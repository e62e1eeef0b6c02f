/// The fast path of the text tokenizer, for the lines that make up nearly every log: every `"` opens
/// or closes a quoted token, and no quoted token ends in a backslash.
///
/// Per 64-byte block it takes bitmaps of spaces and quotes (`ByteMask`), turns the quotes into a
/// "inside quotes" mask (prefix XOR: bit i is the parity of the quotes up to i), and keeps the spaces
/// outside quotes: those are exactly the token separators. Each token then costs a trailing-zero
/// count and a store, not a byte search.
///
/// Afterwards it checks that the line really was that simple: each token starting with `"` ends with
/// an unescaped `"`, and the line holds no other quote. Otherwise it returns false and the caller
/// tokenizes the line the slow way; both give the same tokens for every line the fast path accepts.
extension TextTokenizer {
    /// Tokenizes `base[start..<n]` (after the `[…]` token) into `ranges` from index `t.count` on.
    /// Returns false, with `t` unspecified, when the line needs the byte-by-byte tokenizer.
    @inline(__always)
    static func tokenizeBlocks(_ base: UnsafePointer<UInt8>, from start: Int, to n: Int,
                               into ranges: UnsafeMutablePointer<FieldRange>, _ t: inout TextTokens) -> Bool {
        // Token count and quoted-token bits live in locals (registers) until the end.
        var count = t.count
        var quotedMask = t.quotedMask
        var tokenStart = start
        var quotes = 0
        var quotedTokens = 0
        var malformed = 0    // 1 once a quoted token lacks its closing quote
        var insideCarry: UInt64 = 0
        var block = start
        let raw = UnsafeRawPointer(base)
        while block < n {
            var spaces: UInt64, quoteBits: UInt64
            if block &+ 64 <= n {
                spaces = ByteMask.equal64(raw + block, 0x20)
                quoteBits = ByteMask.equal64(raw + block, 0x22)
            } else if n &- 64 >= start {
                // The last partial block: take the line's last 64 bytes and shift out the ones
                // already seen, so that nothing past the line is read.
                let seen = UInt64(block &- (n &- 64))
                spaces = ByteMask.equal64(raw + (n &- 64), 0x20) >> seen
                quoteBits = ByteMask.equal64(raw + (n &- 64), 0x22) >> seen
            } else {
                (spaces, quoteBits) = paddedMasks(raw + block, count: n &- block)
            }
            var separators = spaces
            if quoteBits | insideCarry != 0 {
                // Only blocks that touch a quoted token pay for the quote arithmetic (the last
                // blocks of an Istio line, addresses and names, have none).
                quotes &+= quoteBits.nonzeroBitCount
                let inside = prefixXor(quoteBits) ^ insideCarry
                insideCarry = UInt64(bitPattern: Int64(bitPattern: inside) >> 63)
                separators &= ~inside
            }
            while separators != 0 {
                let end = block &+ separators.trailingZeroBitCount
                separators &= separators &- 1
                emit(base, tokenStart, end, ranges, &count, &quotedMask, &quotedTokens, &malformed)
                tokenStart = end &+ 1
            }
            block &+= 64
        }
        emit(base, tokenStart, n, ranges, &count, &quotedMask, &quotedTokens, &malformed)
        t.count = count
        t.quotedMask = quotedMask
        return malformed == 0 && quotes == 2 &* quotedTokens
    }

    /// Stores the token `lo..<hi`, without its quotes when it is quoted.
    @inline(__always)
    private static func emit(_ base: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int,
                             _ ranges: UnsafeMutablePointer<FieldRange>, _ count: inout Int, _ quotedMask: inout UInt64,
                             _ quotedTokens: inout Int, _ malformed: inout Int) {
        var range = FieldRange(lo, hi)
        if lo < hi && base[lo] == UInt8(ascii: "\"") {
            // `"…"`: at least two bytes, a closing quote, and no backslash before it.
            if hi &- lo < 2 || base[hi &- 1] != UInt8(ascii: "\"") || base[hi &- 2] == UInt8(ascii: "\\") {
                malformed = 1
            }
            range = FieldRange(lo &+ 1, hi &- 1)
            quotedTokens &+= 1
            if count < 64 { quotedMask |= 1 &<< UInt64(count) }
        }
        if count < capacity { ranges[count] = range }
        count &+= 1
    }

    /// Bit i of the result is the XOR of bits 0…i of `x`: set between an opening quote (included)
    /// and its closing quote (excluded).
    @inline(__always)
    static func prefixXor(_ x: UInt64) -> UInt64 {
        var v = x
        v ^= v << 1
        v ^= v << 2
        v ^= v << 4
        v ^= v << 8
        v ^= v << 16
        v ^= v << 32
        return v
    }

    /// Space and quote bitmaps of the last `count` (< 64) bytes of a line, read through a zero-padded
    /// copy so that nothing past the line is touched.
    private static func paddedMasks(_ p: UnsafeRawPointer, count: Int) -> (UInt64, UInt64) {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { buffer in
            let padded = buffer.baseAddress!
            padded.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
            padded.copyMemory(from: p, byteCount: count)
            return (ByteMask.equal64(padded, 0x20), ByteMask.equal64(padded, 0x22))
        }
    }
}
