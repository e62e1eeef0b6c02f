import Testing
import TrafficGenerator
@testable import Analysis

/// Every generated scenario, through the real parser, aggregator and rules: healthy traffic gives no
/// warning or critical finding (whatever the seed, size, format and prefix), and every other scenario
/// gives its own finding as the top warning/critical one.
@Suite struct ScenarioDiagnosisTests {
    /// Lines per scenario: enough for each signature to be significant (the smallest, UR on ≈7 % of
    /// the payments calls, is then ≈50 records), small enough for a debug build.
    static let lines = 10_000

    @Test(arguments: Scenario.allCases)
    func scenarioIsItsOwnTopFinding(_ scenario: Scenario) throws {
        let options = GeneratorOptions(lines: Self.lines, seed: 1, scenario: scenario)
        let split = scenario == .trafficSplit ? DiagnosisContext.parseExpectedSplit("v1=90,v2=10") : nil
        let findings = try ScenarioPipeline.findings(options, expectedSplit: split)
        let alarms = findings.filter { $0.severity >= .warning }
        if scenario == .healthy {
            #expect(alarms.isEmpty, "\(ScenarioPipeline.describe(alarms))")
        } else if scenario == .grpcStatusNotLogged {
            // Advice, never an alarm: info, of kind advice, and nothing trips --fail-on warning.
            #expect(findings.contains { $0.id == .grpcStatusNotLogged && $0.severity == .info && $0.kind == .advice })
            #expect(!findings.contains { $0.trips(failOn: .warning) }, "\(ScenarioPipeline.describe(findings))")
        } else {
            #expect(alarms.first?.id.rawValue == scenario.rawValue, "\(ScenarioPipeline.describe(findings))")
        }
    }

    /// Healthy traffic in other seeds, sizes, formats and prefixes. The first three were false
    /// positives of the p99-only slow-host rule (p99 over ~40 requests per host).
    static let healthyVariants: [GeneratorOptions] = [
        GeneratorOptions(lines: 900, seed: 3),
        GeneratorOptions(lines: 600, seed: 7),
        GeneratorOptions(lines: 3_000, seed: 8),
        GeneratorOptions(lines: 500, seed: 11),
        GeneratorOptions(lines: 1_500, seed: 12, output: .istio123),
        GeneratorOptions(lines: 6_000, seed: 2, output: .jsonTyped, prefix: .kubectlBoth),
        GeneratorOptions(lines: 6_000, seed: 4, output: .customGrpc, prefix: .stern),
        GeneratorOptions(lines: 6_000, seed: 5, output: .envoyDefault, prefix: .cri),
        GeneratorOptions(lines: 6_000, seed: 6, output: .istio11Pre, prefix: .kubectlTimestamps),
        GeneratorOptions(lines: 4_000, seed: 9, output: .jsonStrings, prefix: .kubectlPrefix),
        GeneratorOptions(lines: 30_000, seed: 10, output: .istio18),
    ]

    @Test(arguments: healthyVariants)
    func healthyTrafficRaisesNoAlarm(_ options: GeneratorOptions) throws {
        let findings = try ScenarioPipeline.findings(options)
        let alarms = findings.filter { $0.severity >= .warning }
        #expect(alarms.isEmpty, "\(ScenarioPipeline.describe(alarms))")
    }

    /// The expectation is the finding's, not the split's: without `--expect-split` the same traffic
    /// is only described (info).
    @Test func trafficSplitNeedsAnExpectation() throws {
        let findings = try ScenarioPipeline.findings(GeneratorOptions(lines: Self.lines, seed: 1, scenario: .trafficSplit))
        let split = findings.filter { $0.id == .trafficSplit }
        #expect(!split.isEmpty && split.allSatisfy { $0.severity == .info }, "\(ScenarioPipeline.describe(findings))")
    }
}
