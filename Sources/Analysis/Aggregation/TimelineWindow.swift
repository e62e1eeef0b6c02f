/// Which stored timeline buckets the shown series covers: where the records are, leaving out a few
/// isolated outliers (a line from years earlier mixed into a capture).
///
/// The *core* runs from the bucket holding the record of rank `budget` to the one holding rank
/// `total − 1 − budget` (`budget` = 0.1 % of the records, at least 1), so at most `budget` records
/// lie beyond it on each side. From the core the range widens outwards bucket by bucket while the
/// gap to the next non-empty bucket is at most the core's own span (and at least an hour): records
/// close to the rest are always shown, and only a few records beyond a wide empty stretch are left
/// out. With fewer than `minRecords` records nothing is left out.
///
/// A pure function of the stored buckets, so the same for any order of the records and after merges.
enum TimelineWindow {
    /// Fewest records for which outliers are left out.
    static let minRecords = 20
    /// Smallest gap, in seconds, that separates an outlier from the rest.
    static let minGapSeconds: Int64 = 3600

    /// The first and last index of `buckets` (ascending bucket indexes at width `2^shift` seconds,
    /// `counts` records each, not empty) to show.
    static func shown(buckets: [Int64], counts: [Int], shift: Int64) -> (Int, Int) {
        let n = buckets.count
        let total = counts.reduce(0, &+)
        guard n > 2, total >= minRecords else { return (0, n - 1) }
        let budget = max(1, total / 1000)
        // Core: the buckets of ranks `budget` and `total - 1 - budget`.
        var coreLo = 0, seen = 0
        while seen + counts[coreLo] <= budget { seen += counts[coreLo]; coreLo += 1 }
        var coreHi = n - 1
        seen = 0
        while seen + counts[coreHi] <= budget { seen += counts[coreHi]; coreHi -= 1 }
        guard coreLo <= coreHi else { return (0, n - 1) }
        // Widest gap (in buckets) still counted as "close to the rest".
        let span = buckets[coreHi] - buckets[coreLo] + 1
        let minGap = max(1, minGapSeconds >> shift)
        let gap = max(span, minGap)
        var lo = coreLo
        while lo > 0 && buckets[lo] - buckets[lo - 1] <= gap { lo -= 1 }
        var hi = coreHi
        while hi < n - 1 && buckets[hi + 1] - buckets[hi] <= gap { hi += 1 }
        return (lo, hi)
    }
}
