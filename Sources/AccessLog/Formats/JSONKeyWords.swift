/// A JSON key reduced to two little-endian words, the identity `JSONKeyTable` hashes and compares:
/// `head` is the first eight bytes and `tail` the last eight (overlapping when shorter than 16).
/// A key shorter than eight bytes is all in `head`, zero-extended, and `tail` is 0. Keys longer than
/// 16 bytes are told apart by their middle bytes as well (`JSONKeyTable` compares those).
///
/// Every load stays inside `line[0..<count]`: a short key is read as the eight bytes that end at
/// its last byte when the line has that many bytes before it, else as the eight bytes that start
/// at its first, else byte by byte.
struct JSONKeyWords: Equatable {
    var head: UInt64
    var tail: UInt64

    @inline(__always)
    init(head: UInt64, tail: UInt64) {
        self.head = head
        self.tail = tail
    }

    /// The words of `base[lo..<hi]`, a key inside a line of `count` bytes (`0 < hi - lo`).
    @inline(always)
    init(_ base: UnsafeRawPointer, _ lo: Int, _ hi: Int, count: Int) {
        let length = hi &- lo
        if length >= 8 {
            head = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: lo, as: UInt64.self))
            tail = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: hi &- 8, as: UInt64.self))
        } else if hi >= 8 {
            // The key is the top `length` bytes of the word that ends with it.
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: hi &- 8, as: UInt64.self))
            head = word &>> UInt64(8 &* (8 &- length))
            tail = 0
        } else {
            head = Self.shortWord(base, lo, length, count: count)
            tail = 0
        }
    }

    /// A key of 1…7 bytes near the start of the line.
    private static func shortWord(_ base: UnsafeRawPointer, _ lo: Int, _ length: Int, count: Int) -> UInt64 {
        if lo &+ 8 <= count {
            let keep: UInt64 = (1 &<< UInt64(8 &* length)) &- 1
            return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: lo, as: UInt64.self)) & keep
        }
        var word: UInt64 = 0
        for i in 0..<length {
            word |= UInt64(base.load(fromByteOffset: lo &+ i, as: UInt8.self)) &<< UInt64(8 &* i)
        }
        return word
    }

    /// The words of a key given as bytes (table construction).
    init(_ key: [UInt8]) {
        self = key.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return JSONKeyWords(head: 0, tail: 0) }
            return JSONKeyWords(base, 0, bytes.count, count: bytes.count)
        }
    }

    /// The slot a key of `length` bytes hashes to, for a table of `1 << (64 - shift)` slots
    /// (multiplicative hashing: the top bits of the product depend on every bit of the sum).
    @inline(always)
    func slot(length: Int, multiplier: UInt64, shift: UInt64) -> Int {
        let sum = head &+ tail &* 2 &+ UInt64(truncatingIfNeeded: length)
        return Int(truncatingIfNeeded: (sum &* multiplier) &>> shift)
    }
}
