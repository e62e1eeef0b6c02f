/// The fast path of the text tokenizer, for the lines that make up nearly every log: every `"` opens
/// a token or closes one right before a separator, and no quoted token ends in a backslash.
///
/// Everything is derived per 64-byte block with bit arithmetic on three bitmaps (`ByteMask`): spaces,
/// quotes and — only in blocks that hold quotes — backslashes.
/// - `inside` (prefix XOR of the quotes) is set from an opening quote (included) to its closing
///   quote (excluded); spaces outside it are exactly the token separators.
/// - Opening quotes (`quotes & inside`) must sit at a token start (right after a separator);
///   closing quotes (`quotes & ~inside`) right before a separator or the line end, and not after a
///   backslash. A line that breaks a rule is handed to the byte-by-byte tokenizer.
/// - Given those rules, a token is quoted exactly when the byte before its separator is a closing
///   quote: one bit test per token says whether to drop the quotes, with no load of the line.
/// Each token then costs a trailing-zero count, a bit test and one store.
///
/// Bits that belong to the next block travel in "carry" words (bit 63 of one block is next to bit 0
/// of the next). The line end counts as one more separator, so the last token needs no special case
/// unless the line ends exactly at a block end.
extension TextTokenizer {
    /// Room the caller's `ranges` buffer must have: `capacity` tokens plus one block of them, so that
    /// the fast path tests the capacity once per block instead of once per token.
    static let scratchCapacity = capacity + 65

    /// Tokenizes `base[start..<n]` (after the `[…]` token) into `ranges` from index `t.count` on.
    /// Returns false, with `t` unspecified, when the line needs the byte-by-byte tokenizer (quotes out
    /// of place, an escaped closing quote, or more than `capacity` tokens). `start` must be at least 1
    /// (the `[…]` token is before it): the backslash test reads the byte before each block.
    @inline(__always)
    static func tokenizeBlocks(_ base: UnsafePointer<UInt8>, from start: Int, to n: Int,
                               into ranges: UnsafeMutablePointer<FieldRange>, _ t: inout TextTokens) -> Bool {
        var scan = BlockScan(count: t.count, tokenStart: start)
        let raw = UnsafeRawPointer(base)
        var block = start
        // `slashes` gives the backslash bitmap of the 64 bytes one before the block (bit i: byte
        // i-1 is a backslash), read only when the block has quotes and then only when it has any
        // backslash.
        while n &- block >= 64 {
            guard scan.count <= capacity else { return false }
            let p = raw + block
            guard scan.add(block, spaces: ByteMask.equal64(p, 0x20), quotes: ByteMask.equal64(p, 0x22), end: 0,
                           slashes: { ByteMask.any64(p - 1, 0x5C) ? ByteMask.equal64(p - 1, 0x5C) : 0 }, into: ranges)
            else { return false }
            block &+= 64
        }
        guard scan.count <= capacity else { return false }
        let left = n &- block
        if left > 0 {
            // The last partial block: the line's last 64 bytes with the ones already seen shifted
            // out (or a zero-padded copy of a short line), so that nothing past the line is read.
            // The line end counts as a separator.
            let end = 1 &<< UInt64(truncatingIfNeeded: left)
            if n &- 64 >= start {
                let p = raw + (n &- 64)
                let seen = UInt64(truncatingIfNeeded: 64 &- left)
                guard scan.add(block, spaces: ByteMask.equal64(p, 0x20) >> seen,
                               quotes: ByteMask.equal64(p, 0x22) >> seen, end: end,
                               slashes: { ByteMask.any64(p - 1, 0x5C) ? ByteMask.equal64(p - 1, 0x5C) >> seen : 0 },
                               into: ranges)
                else { return false }
            } else {
                let (spaces, quotes, slashes) = paddedMasks(raw + block, count: left)
                guard scan.add(block, spaces: spaces, quotes: quotes, end: end, slashes: { slashes }, into: ranges)
                else { return false }
            }
        } else {
            // The line ended exactly at a block end: its last token is still open.
            scan.emit(end: n, quoted: Int(truncatingIfNeeded: scan.closeCarry), into: ranges)
        }
        guard scan.insideCarry == 0, scan.count <= capacity else { return false }
        t.quotedMask |= scan.quotedMask(first: t.count) << UInt64(truncatingIfNeeded: t.count)
        t.count = scan.count
        return true
    }

    /// The state of `tokenizeBlocks` from one 64-byte block to the next. Bits that belong to the
    /// next block travel in "carry" words (bit 63 of one block is next to bit 0 of the next).
    struct BlockScan {
        var count: Int
        var tokenStart: Int
        /// One bit per token added, the last one in bit 0: each token shifts it left and adds its
        /// own bit (one `lea`, where `mask |= bit << count` takes three instructions).
        var quotedReversed: UInt64 = 0
        /// All ones while a quoted token goes on into the next block.
        var insideCarry: UInt64 = 0
        /// Bit 0: the next block's first byte starts a token.
        var startCarry: UInt64 = 1
        /// Bit 0: the previous block's last byte was a closing quote.
        var closeCarry: UInt64 = 0
        /// Adds the tokens that end in the block at `block` (bitmaps of its spaces and quotes, and of
        /// the backslashes one byte before; `end` has the bit of the line end when it falls in this
        /// block). Returns false, without adding, when a quote breaks the fast path's rules.
        @inline(__always)
        mutating func add(_ block: Int, spaces: UInt64, quotes: UInt64, end: UInt64, slashes: () -> UInt64,
                          into ranges: UnsafeMutablePointer<FieldRange>) -> Bool {
            var separators = spaces | end
            var closedBefore: UInt64 = 0    // bit i: byte i-1 is a closing quote
            if quotes | insideCarry | closeCarry != 0 {
                // Only blocks that touch a quoted token pay for the quote arithmetic (the last
                // blocks of an Istio line, addresses and names, have none).
                let inside = prefixXor(quotes) ^ insideCarry
                insideCarry = UInt64(bitPattern: Int64(bitPattern: inside) >> 63)
                separators &= ~inside
                let opening = quotes & inside
                let closing = quotes & ~inside
                closedBefore = closing &<< 1 | closeCarry
                closeCarry = closing >> 63
                let broken = opening & ~(separators &<< 1 | startCarry)   // an opening quote inside a token
                    | closedBefore & ~separators                          // bytes glued after a closing quote
                if broken != 0 { return false }
                // `\"` may be an escaped quote. Backslashes are rare: `slashes` tests for any first.
                if closing != 0 && closing & slashes() != 0 { return false }
            }
            startCarry = separators >> 63
            while separators != 0 {
                let bit = UInt64(truncatingIfNeeded: separators.trailingZeroBitCount)
                emit(end: block &+ Int(truncatingIfNeeded: bit),
                     quoted: Int(truncatingIfNeeded: (closedBefore >> bit) & 1), into: ranges)
                separators &= separators &- 1
            }
            return true
        }

        /// Stores the token from `tokenStart` to `end`, without its quotes when `quoted` is 1.
        @inline(__always)
        mutating func emit(end: Int, quoted: Int, into ranges: UnsafeMutablePointer<FieldRange>) {
            ranges[count] = FieldRange(tokenStart &+ quoted, end &- quoted)
            quotedReversed = quotedReversed &+ quotedReversed &+ UInt64(truncatingIfNeeded: quoted)
            count &+= 1
            tokenStart = end &+ 1
        }

        /// The quoted tokens in token order (bit i for token i, counting from the first token this
        /// scan added) for at most 64 of them: `quotedReversed` with its bits reversed and the unused
        /// low ones dropped.
        func quotedMask(first: Int) -> UInt64 {
            let added = count &- first
            guard added > 0 else { return 0 }
            var v = quotedReversed.byteSwapped
            v = (v & 0x0F0F_0F0F_0F0F_0F0F) << 4 | (v >> 4) & 0x0F0F_0F0F_0F0F_0F0F
            v = (v & 0x3333_3333_3333_3333) << 2 | (v >> 2) & 0x3333_3333_3333_3333
            v = (v & 0x5555_5555_5555_5555) << 1 | (v >> 1) & 0x5555_5555_5555_5555
            return v >> UInt64(truncatingIfNeeded: 64 &- added)
        }
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

    /// Space and quote bitmaps of the last `count` (< 64) bytes of a line, and the backslash bitmap
    /// one byte before them, read through a zero-padded copy so that nothing past the line is touched.
    private static func paddedMasks(_ p: UnsafeRawPointer, count: Int) -> (UInt64, UInt64, UInt64) {
        withUnsafeTemporaryAllocation(byteCount: 80, alignment: 16) { buffer in
            let padded = buffer.baseAddress!
            padded.initializeMemory(as: UInt8.self, repeating: 0, count: 80)
            padded.copyMemory(from: p - 1, byteCount: count + 1)
            return (ByteMask.equal64(padded + 1, 0x20), ByteMask.equal64(padded + 1, 0x22), ByteMask.equal64(padded, 0x5C))
        }
    }
}
