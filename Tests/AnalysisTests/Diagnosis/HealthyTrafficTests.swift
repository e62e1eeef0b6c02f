import AccessLog
import Testing
@testable import Analysis

@Suite struct HealthyTrafficTests {
    @Test func healthyTrafficHasNoWarningOrCritical() {
        let findings = Diagnoser().diagnose(Fixture.healthy())
        #expect(findings.allSatisfy { $0.severity == .info }, "\(findings.map { "\($0.id.rawValue): \($0.title)" })")
    }

    @Test func emptySnapshotHasNoFindings() {
        #expect(Diagnoser().diagnose(Snapshot()).isEmpty)
    }

    @Test func everyRuleIsRegisteredOnce() {
        let ids = DiagnosisRules.all.map { type(of: $0).id }
        #expect(Set(ids).count == FindingID.allCases.count)
        #expect(ids == FindingID.allCases)
    }
}
