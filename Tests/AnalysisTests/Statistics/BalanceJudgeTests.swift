import Testing
@testable import Analysis

/// The balance verdict, and how it treats counts that may fall short of the truth.
@Suite struct BalanceJudgeTests {
    static func judge(_ counts: [Int], shortfalls: [Int] = []) -> HostBalance {
        BalanceJudge.judge(hostCounts: counts, shortfalls: shortfalls, pods: [], tcpShare: 0)
    }

    @Test func exactCountsAreJudgedAsListed() {
        #expect(Self.judge(Array(repeating: 2_000, count: 100)).verdict == .even)
        #expect(Self.judge([2_000, 2_000, 1_000, 1_000]).verdict == .skewed)
        #expect(Self.judge([3, 3, 1]).verdict == .tooFew)
    }

    /// Hosts listed with counts missing (a window over trimmed buckets) look skewed; when raising each
    /// by its shortfall evens them out, the verdict is `even`, while the statistics stay those of the
    /// listed counts.
    @Test func aSkewTheShortfallsExplainIsNotCalledSkewed() {
        let counts = [2_000, 2_000, 1_000, 1_000]
        let b = Self.judge(counts, shortfalls: [0, 0, 1_000, 1_000])
        #expect(b.verdict == .even)
        #expect(b.cv == Self.judge(counts).cv && b.pValue == Self.judge(counts).pValue)
        #expect(BalanceJudge.evenestCounts(counts, shortfalls: [0, 0, 1_000, 1_000]) == [2_000, 2_000, 2_000, 2_000])
    }

    @Test func aSkewBeyondTheShortfallsStaysSkewed() {
        let b = Self.judge([2_000, 2_000, 1_000, 1_000], shortfalls: [50, 50, 50, 50])
        #expect(b.verdict == .skewed)
        #expect(BalanceJudge.evenestCounts([2_000, 1_000], shortfalls: [50, 50]) == [2_000, 1_050])
        #expect(BalanceJudge.evenestCounts([900, 1_000], shortfalls: [500]) == [1_000, 1_000], "never above the busiest")
    }
}
