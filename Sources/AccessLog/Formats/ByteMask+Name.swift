#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

extension ByteMask {
    /// How many of the 16 bytes at `p` are, from the first, lowercase letters, digits or `-` (or
    /// also `.` when `dots`): the bytes of a Kubernetes name (`PrefixScanner.nameEnd`).
    @inline(__always)
    static func nameBytes16(_ p: UnsafeRawPointer, dots: Bool) -> Int {
        #if arch(x86_64)
        return (~nameMask16(p, dots: dots) | 0x1_0000).trailingZeroBitCount
        #else
        var n = 0
        while n < 16, portableIsNameByte(p.load(fromByteOffset: n, as: UInt8.self), dots: dots) { n += 1 }
        return n
        #endif
    }

    #if arch(x86_64)
    /// Bits 0–15: which of the 16 bytes at `p` are name bytes. SSE2 range checks (`min`/`max` of
    /// unsigned bytes, then `pcmpeqb`).
    @inline(__always)
    private static func nameMask16(_ p: UnsafeRawPointer, dots: Bool) -> UInt32 {
        let v = p.loadUnaligned(as: __m128i.self)
        @inline(__always) func within(_ lo: UInt8, _ hi: UInt8) -> __m128i {
            let clamped = _mm_max_epu8(_mm_min_epu8(v, _mm_set1_epi8(Int8(bitPattern: hi))), _mm_set1_epi8(Int8(bitPattern: lo)))
            return _mm_cmpeq_epi8(clamped, v)
        }
        var ok = _mm_or_si128(_mm_or_si128(within(0x61, 0x7A), within(0x30, 0x39)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2D)))
        if dots { ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2E))) }
        return UInt32(bitPattern: _mm_movemask_epi8(ok)) & 0xFFFF
    }
    #endif

    /// A name byte, one at a time (the portable path; tested against the SSE2 one everywhere).
    @inline(__always)
    static func portableIsNameByte(_ b: UInt8, dots: Bool) -> Bool {
        b &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x2D || (dots && b == 0x2E)
    }
}
