/// The generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// Fully determined by the seed (no system randomness), so the same options always give the same
/// bytes on every platform.
struct RandomSource {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        s0 = RandomSource.splitMix(&state)
        s1 = RandomSource.splitMix(&state)
        s2 = RandomSource.splitMix(&state)
        s3 = RandomSource.splitMix(&state)
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// One SplitMix64 step (also used to derive stable per-key values, e.g. connection ports).
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable hash of a few small integers (no state change).
    static func mix(_ a: Int, _ b: Int, _ c: Int = 0) -> UInt64 {
        var state = UInt64(truncatingIfNeeded: a) &* 0x1000_0001 ^ UInt64(truncatingIfNeeded: b) &* 0x9E37
            ^ UInt64(truncatingIfNeeded: c) << 40
        return splitMix(&state)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in `0..<n` (n > 0), by multiply-high.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(max(n, 1))).high)
    }

    /// Uniform in `lo...hi`.
    @inline(__always)
    mutating func range(_ lo: Int, _ hi: Int) -> Int {
        hi <= lo ? lo : lo + below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        p > 0 && unit() < p
    }

    /// An approximately standard-normal value (Irwin–Hall sum of four uniforms, scaled to σ = 1).
    @inline(__always)
    mutating func normal() -> Double {
        (unit() + unit() + unit() + unit() - 2) * 1.732_050_807_568_877
    }

    /// Picks an index by integer weights (`weights` non-empty, total > 0).
    mutating func pick(_ weights: [Int], total: Int) -> Int {
        var r = below(total)
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
}
