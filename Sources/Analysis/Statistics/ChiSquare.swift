import Glibc

/// The χ² goodness-of-fit test against an even spread, and the regularized incomplete gamma function
/// it needs (Numerical Recipes' series and continued fraction, in log space so that hundreds of
/// thousands of degrees of freedom neither overflow nor lose the tail).
enum ChiSquare {
    /// χ² statistic of `counts` against equal expected counts, and its degrees of freedom.
    static func statistic(_ counts: [Int]) -> (chi2: Double, df: Int) {
        guard counts.count >= 2 else { return (0, 0) }
        let total = Double(counts.reduce(0, +))
        let expected = total / Double(counts.count)
        guard expected > 0 else { return (0, 0) }
        let chi2 = counts.reduce(0.0) { sum, c in
            let d = Double(c) - expected
            return sum + d * d / expected
        }
        return (chi2, counts.count - 1)
    }

    /// P(X ≥ chi2) for X ~ χ²(df): the upper tail, `Q(df/2, chi2/2)`.
    static func pValue(chi2: Double, df: Int) -> Double {
        guard df > 0 else { return 1 }
        guard chi2 > 0 else { return 1 }
        return upperRegularizedGamma(Double(df) / 2, chi2 / 2)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a).
    static func upperRegularizedGamma(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x < a + 1 { return max(0, min(1, 1 - lowerSeries(a, x))) }
        return max(0, min(1, upperContinuedFraction(a, x)))
    }

    /// P(a, x) by its series (converges for x < a + 1).
    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var ap = a, sum = 1 / a, term = sum
        for _ in 0..<100_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-15 { break }
        }
        return exp(-x + a * log(x) - lgamma(a)) * sum
    }

    /// Q(a, x) by Lentz's continued fraction (converges for x ≥ a + 1).
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return exp(-x + a * log(x) - lgamma(a)) * h
    }

    /// Coefficient of variation (population standard deviation / mean) of `counts`.
    static func coefficientOfVariation(_ counts: [Int]) -> Double {
        guard counts.count >= 2 else { return 0 }
        let n = Double(counts.count)
        let mean = Double(counts.reduce(0, +)) / n
        guard mean > 0 else { return 0 }
        let variance = counts.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        return variance.squareRoot() / mean
    }
}
