#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Match bitmaps over 16 or 64 bytes: bit `i` of the result is set when byte `i` equals the byte
/// searched for. On x86-64 this is SSE2 (`pcmpeqb` + `pmovmskb`, part of the x86-64 baseline);
/// elsewhere a portable eight-bytes-at-a-time version gives the same bits.
///
/// Callers must make sure the 16 (or 64) bytes are readable. When several masks are taken at the
/// same address the compiler loads the bytes once.
enum ByteMask {
    /// Bits 0–15: where the 16 bytes at `p` equal `byte`.
    @inline(__always)
    static func equal16(_ p: UnsafeRawPointer, _ byte: UInt8) -> UInt64 {
        #if arch(x86_64)
        let v = p.loadUnaligned(as: __m128i.self)
        let hits = _mm_cmpeq_epi8(v, _mm_set1_epi8(Int8(bitPattern: byte)))
        return UInt64(UInt32(bitPattern: _mm_movemask_epi8(hits)))
        #else
        return portableEqual16(p, byte)
        #endif
    }

    /// Bits 0–63: where the 64 bytes at `p` equal `byte`.
    @inline(__always)
    static func equal64(_ p: UnsafeRawPointer, _ byte: UInt8) -> UInt64 {
        equal16(p, byte) | equal16(p + 16, byte) << 16 | equal16(p + 32, byte) << 32 | equal16(p + 48, byte) << 48
    }

    /// The portable version of `equal16` (used off x86-64; tested against it everywhere).
    @inline(__always)
    static func portableEqual16(_ p: UnsafeRawPointer, _ byte: UInt8) -> UInt64 {
        portableEqual8(p.loadUnaligned(as: UInt64.self).littleEndian, byte)
            | portableEqual8(p.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian, byte) << 8
    }

    /// Bits 0–7: where the bytes of `word` (least significant first) equal `byte`.
    @inline(__always)
    private static func portableEqual8(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        // Bit 7 of each byte set where that byte of `x` is zero (exact, no borrow between bytes).
        let zero = ~(((x & low7) &+ low7) | x | low7)
        // Gather the eight bit-7s into the top byte, then shift them down.
        return ((zero >> 7) &* 0x0102_0408_1020_4080) >> 56
    }
}
