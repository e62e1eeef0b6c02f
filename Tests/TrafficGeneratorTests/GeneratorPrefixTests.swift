import Foundation
import Testing
import TrafficGenerator

@Suite struct GeneratorPrefixTests {
    private func matches(_ line: String, _ pattern: String) -> Bool {
        line.range(of: pattern, options: .regularExpression) != nil
    }

    static let rfc3339Nano = #"20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?Z"#
    static let pod = #"[a-z0-9-]+-[a-z0-9]+"#

    @Test func noPrefixStartsWithTheRecordItself() {
        let log = GeneratedLog(lines: 2000, prefix: .none)
        #expect(log.lines.allSatisfy { $0.hasPrefix("[20") || $0.hasPrefix("20") || $0.hasPrefix("'") })
    }

    @Test func kubectlPrefixNamesPodAndContainer() {
        let log = GeneratedLog(lines: 2000, prefix: .kubectlPrefix)
        #expect(log.lines.allSatisfy { matches($0, #"^\[pod/"# + Self.pod + #"/istio-proxy\] "#) })
        let pods = Set(log.lines.compactMap { GeneratedLog.stripPodPrefix($0).0 })
        #expect(pods.count >= 12)
        #expect(pods.contains("frontend-6f7d9c8b54-2xkqp"))
        #expect(!pods.contains("redis-master-0"), "pods without a sidecar write no lines")
    }

    @Test func kubectlTimestampsAreRFC3339NanoAndNeverDecrease() {
        let log = GeneratedLog(lines: 2000, prefix: .kubectlTimestamps)
        #expect(log.lines.allSatisfy { matches($0, "^" + Self.rfc3339Nano + " ") })
        let stamps = log.lines.map { String($0.prefix { $0 != " " }) }
        #expect(stamps.contains { $0.count == 30 }, "nine fractional digits")
        // Same-length stamps compare lexically; check order on whole seconds.
        let seconds = stamps.map { $0.prefix(19) }
        #expect(zip(seconds, seconds.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func kubectlBothPutsThePodFirst() {
        let log = GeneratedLog(lines: 1000, prefix: .kubectlBoth)
        #expect(log.lines.allSatisfy { matches($0, #"^\[pod/"# + Self.pod + #"/istio-proxy\] "# + Self.rfc3339Nano + " ") })
    }

    @Test func sternIsPodSpaceContainer() {
        let log = GeneratedLog(lines: 1000, prefix: .stern)
        #expect(log.lines.allSatisfy { matches($0, "^" + Self.pod + " istio-proxy ") })
    }

    @Test func criMarksEnvoyApplicationLogsAsStderr() {
        let log = GeneratedLog(lines: 6000, prefix: .cri)
        #expect(log.lines.allSatisfy { matches($0, "^" + Self.rfc3339Nano + " (stdout|stderr) F ") })
        let stderr = log.lines.filter { $0.contains(" stderr F ") }
        #expect(!stderr.isEmpty)
        // Envoy's lines (and its header-dump continuations); pilot-agent writes to stdout.
        #expect(stderr.allSatisfy { $0.contains("\tenvoy ") || $0.contains(" stderr F '") })
        #expect(log.lines.contains { $0.contains(" stdout F ") && $0.contains("\txdsproxy\t") })
        #expect(log.lines.filter { $0.contains(" stdout F [20") }.count > 5000)
    }

    @Test func connectionPinningForcesAPodPrefix() {
        let options = GeneratorOptions(lines: 10, scenario: .connectionPinning)
        #expect(options.effectivePrefix == .kubectlPrefix)
        #expect(GeneratorOptions(prefix: .stern, scenario: .connectionPinning).effectivePrefix == .stern)
        #expect(GeneratedLog(options).lines.allSatisfy { $0.hasPrefix("[pod/") })
    }
}

@Suite struct GeneratorNonAccessTests {
    private func nonAccessShare(_ log: GeneratedLog) -> Double {
        Double(log.lines.filter { !GeneratedLog.isTextAccess($0) }.count) / Double(log.lines.count)
    }

    @Test(arguments: [OutputFormat.istio19, .istio11, .jsonTyped])
    func defaultShareIsAboutTwoPercent(format: OutputFormat) {
        let log = GeneratedLog(lines: 20000, output: format)
        let share = format.isJSON
            ? Double(log.lines.filter { $0.contains("\"level\":") }.count) / Double(log.lines.count)
            : nonAccessShare(log)
        #expect(share > 0.014 && share < 0.026, "share \(share)")
    }

    @Test func shareFollowsTheOption() {
        let none = GeneratedLog(GeneratorOptions(lines: 3000, nonAccessShare: 0))
        #expect(nonAccessShare(none) == 0)
        let tenth = GeneratedLog(GeneratorOptions(lines: 10000, nonAccessShare: 0.1))
        #expect(abs(nonAccessShare(tenth) - 0.1) < 0.015)
        let all = GeneratedLog(GeneratorOptions(lines: 500, nonAccessShare: 1))
        #expect(nonAccessShare(all) == 1)
    }

    @Test func proxyLinesLookLikeIstioProxyOutput() {
        let log = GeneratedLog(lines: 20000, output: .istio19)
        let other = log.lines.filter { !GeneratedLog.isTextAccess($0) }
        // pilot-agent (zap console) and Envoy 1.17+ app log lines, and header-dump continuations.
        #expect(other.contains { $0.contains("Z\tinfo\txdsproxy\tconnected to delta upstream XDS server") })
        #expect(other.contains { $0.contains("\tinfo\tenvoy upstream external/envoy/source/") && $0.contains("\tthread=") })
        #expect(other.contains { $0.hasPrefix("':authority', ") })
        let old = GeneratedLog(lines: 20000, output: .istio12).lines.filter { !GeneratedLog.isTextAccess($0) }
        #expect(old.contains { $0.hasPrefix("[2026-11-20 ") && $0.contains("][info][upstream] [") })
    }
}
