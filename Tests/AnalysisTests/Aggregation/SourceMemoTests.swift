import TestSupport
import Testing
@testable import Analysis

/// The memo of recent pods (`SourceMemo`): a hit must be the pod itself, never another pod that
/// shares its entry, and a remembered pod that the table evicted must not be counted in its old slot.
@Suite struct SourceMemoTests {
    static func withNames<R>(_ pod: String, _ container: String,
                             _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R) -> R {
        Array(pod.utf8).withUnsafeBytes { p in Array(container.utf8).withUnsafeBytes { c in body(p, c) } }
    }

    @Test func remembersExactlyTheNamesItWasGiven() {
        var memo = SourceMemo()
        let ref = KeyRef(table: .source, serial: 7, slot: 3)
        Self.withNames("frontend-7d9f-abcde", "istio-proxy") { memo.remember(pod: $0, container: $1, ref) }
        #expect(Self.withNames("frontend-7d9f-abcde", "istio-proxy") { memo.ref(pod: $0, container: $1) } == ref)
        // The same pod with another container, or one byte changed, is not this entry.
        #expect(Self.withNames("frontend-7d9f-abcde", "app") { memo.ref(pod: $0, container: $1) } == nil)
        #expect(Self.withNames("frontend-7d9f-abcdf", "istio-proxy") { memo.ref(pod: $0, container: $1) } == nil)
        #expect(Self.withNames("frontend-7d9f-abcde", "istio-proxz") { memo.ref(pod: $0, container: $1) } == nil)
        // No container, and short names.
        Self.withNames("p", "") { memo.remember(pod: $0, container: $1, ref) }
        #expect(Self.withNames("p", "") { memo.ref(pod: $0, container: $1) } == ref)
        #expect(Self.withNames("q", "") { memo.ref(pod: $0, container: $1) } == nil)
    }

    @Test func namesLongerThanAnEntryAreNotRemembered() {
        var memo = SourceMemo()
        let long = String(repeating: "p", count: SourceMemo.podBytes + 1)
        let ref = KeyRef(table: .source, serial: 1, slot: 0)
        Self.withNames(long, "c") { memo.remember(pod: $0, container: $1, ref) }
        #expect(Self.withNames(long, "c") { memo.ref(pod: $0, container: $1) } == nil)
        let longContainer = String(repeating: "c", count: SourceMemo.containerBytes + 1)
        Self.withNames("pod", longContainer) { memo.remember(pod: $0, container: $1, ref) }
        #expect(Self.withNames("pod", longContainer) { memo.ref(pod: $0, container: $1) } == nil)
    }

    /// Pods whose names share length, first and last 8 bytes share a memo entry: each line is still
    /// counted on its own pod, exactly.
    @Test func podsSharingAnEntryAreCountedApart() {
        var a = Aggregator(limits: .report)
        var truth: [String: Int] = [:]
        for i in 0..<3_000 {
            let pod = "frontend-\(String(format: "%03d", (i * 7) % 40))-zz-tail-end"
            var t = TestLine()
            t.cluster = "outbound|80||svc-\(i % 3).ns.svc.cluster.local"
            a.add(t, pod: pod, container: "istio-proxy")
            truth[pod, default: 0] += 1
        }
        let s = a.snapshot()
        #expect(Dictionary(uniqueKeysWithValues: s.sources.map { ($0.pod, $0.requests) }) == truth)
    }

    /// Past the pod bound the table evicts pods the memo still names: their lines must go to the
    /// pod they belong to (re-admitted), never to the slot's new owner — no pod is ever over-counted,
    /// and the totals stay exact.
    @Test func evictedPodsAreNotCountedInTheirOldSlots() {
        let limits = AggregatorLimits(sources: 16, recentLines: 0, recentLineBytes: 0)
        var a = Aggregator(limits: limits)
        var truth: [String: Int] = [:]
        for i in 0..<20_000 {
            // A few heavy pods and a long tail that keeps the table pruning.
            let pod = i % 3 == 0 ? "heavy-\(i % 4)" : "tail-\((i * 31) % 400)"
            var t = TestLine()
            t.cluster = "outbound|80||svc.ns.svc.cluster.local"
            a.add(t, pod: pod, container: "istio-proxy")
            truth[pod, default: 0] += 1
        }
        let s = a.snapshot()
        #expect(s.accuracy.sources.approximate)
        #expect(s.sources.reduce(0) { $0 + $1.requests } == 20_000)
        for pod in s.sources where truth[pod.pod] != nil {
            #expect(pod.requests <= truth[pod.pod]!, "\(pod.pod)")
        }
        for k in 0..<4 { #expect(s.sources.contains { $0.pod == "heavy-\(k)" }) }
    }
}
