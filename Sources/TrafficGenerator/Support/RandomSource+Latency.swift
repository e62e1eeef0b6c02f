#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Long-tailed durations and sizes.
extension RandomSource {
    /// A log-normal value around `median` with spread `sigma`, plus a rare heavy tail
    /// (probability `tail`, 3–12× — GC pauses, cold caches, slow disks). Never below `floor`.
    mutating func logNormal(median: Double, sigma: Double, tail: Double = 0.004, floor: Int = 0) -> Int {
        var value = median * exp(sigma * normal())
        if tail > 0, chance(tail) { value *= 3 + 9 * unit() }
        return max(floor, Int(value))
    }

    /// A size in bytes, log-uniform between `lo` and `hi` (many small, some large).
    mutating func size(_ lo: Int, _ hi: Int) -> Int {
        guard hi > lo, lo > 0 else { return max(lo, 0) }
        let logLo = log(Double(lo))
        let logHi = log(Double(hi))
        return Int(exp(logLo + (logHi - logLo) * unit()))
    }

    /// An ephemeral client port (Linux default range 32768–60999).
    mutating func ephemeralPort() -> UInt16 { UInt16(range(32768, 60999)) }
}
