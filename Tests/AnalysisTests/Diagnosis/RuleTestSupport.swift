import AccessLog
import Testing
@testable import Analysis

/// Runs one rule with default or given thresholds.
func run(_ rule: some DiagnosisRule, _ snapshot: Snapshot, _ context: DiagnosisContext = .init()) -> [Finding] {
    rule.evaluate(snapshot, context: context)
}

/// A snapshot with one cluster of `total` requests, `count` of them carrying `flag`.
func flagged(_ flag: ResponseFlag, _ count: Int, of total: Int, cluster: String = Fixture.orders,
             extras: Fixture.FlagExtras = .init(), http1: Int = 0, tcp: Int = 0, grpc: Int = 0,
             hosts: [HostStats]? = nil, sources: [SourceStats] = []) -> Snapshot {
    let c = Fixture.cluster(cluster, requests: total, flags: count > 0 ? [flag: count] : [:], http1: http1, tcp: tcp,
                            grpc: grpc, hosts: hosts)
    return Fixture.snapshot([c], extras: [flag: extras], sources: sources)
}

/// The severity a rule gives one cluster with `count` of `total` requests flagged, or nil.
func severity(_ rule: some DiagnosisRule, _ flag: ResponseFlag, _ count: Int, of total: Int) -> Severity? {
    run(rule, flagged(flag, count, of: total)).first?.severity
}

/// Checks the standard failure thresholds on a flag rule: exactly 5% with 10 records is critical,
/// just below is warning, 0.5% with 5 is warning, below both is info, 20 is warning from 0.1%
/// (a steady trace in a huge volume stays info).
func expectFailureThresholds(_ rule: some DiagnosisRule, _ flag: ResponseFlag,
                             sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(severity(rule, flag, 10, of: 200) == .critical, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 9, of: 200) == .warning, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 5, of: 1_000) == .warning, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 4, of: 1_000) == .info, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 20, of: 20_000) == .warning, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 19, of: 19_000) == .info, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 20, of: 20_001) == .info, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 200, of: 1_000_000) == .info, sourceLocation: sourceLocation)
    #expect(severity(rule, flag, 0, of: 1_000) == nil, sourceLocation: sourceLocation)
}

extension Finding {
    /// All fix bodies joined, for `contains` checks.
    var fixText: String { fixes.map(\.body).joined(separator: "\n---\n") }
    var verifyText: String { verify.joined(separator: "\n") }
    func fact(_ label: String) -> String? { evidence.facts.first { $0.label == label }?.value }
}
