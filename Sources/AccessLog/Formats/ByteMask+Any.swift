#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

extension ByteMask {
    /// True when one of the 64 bytes at `p` equals `byte`: one bitmap instead of four, for bytes that
    /// are rarely there (the tokenizer's backslashes). Same answer as `equal64(p, byte) != 0`.
    @inline(__always)
    static func any64(_ p: UnsafeRawPointer, _ byte: UInt8) -> Bool {
        #if arch(x86_64)
        let b = _mm_set1_epi8(Int8(bitPattern: byte))
        let a0 = _mm_cmpeq_epi8(p.loadUnaligned(as: __m128i.self), b)
        let a1 = _mm_cmpeq_epi8(p.loadUnaligned(fromByteOffset: 16, as: __m128i.self), b)
        let a2 = _mm_cmpeq_epi8(p.loadUnaligned(fromByteOffset: 32, as: __m128i.self), b)
        let a3 = _mm_cmpeq_epi8(p.loadUnaligned(fromByteOffset: 48, as: __m128i.self), b)
        return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a0, a1), _mm_or_si128(a2, a3))) != 0
        #else
        return equal64(p, byte) != 0
        #endif
    }
}
