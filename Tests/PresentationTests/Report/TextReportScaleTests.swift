import AccessLog
import Analysis
import Testing
@testable import Presentation

/// The text report at mesh scale: top hosts and one line for the rest (never a silent cut), the
/// balance verdict per cluster, and approximate tables marked.
@Suite struct TextReportScaleTests {
    static func render(_ snapshot: Snapshot) -> String {
        TextReport.render(snapshot, findings: [], options: TextReportOptions(color: false, width: 100, inputNames: ["mesh.log"]))
    }

    static func clustersSection(_ report: String) -> String {
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Clusters") }) else { return "" }
        let end = lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") } ?? lines.endIndex
        return lines[start..<end].joined(separator: "\n")
    }

    @Test func topHostsThenOneLineForTheRest() throws {
        let snapshot = ScaleFixture.mesh.snapshot
        let report = Self.render(snapshot)
        let section = Self.clustersSection(report)
        assertLinesSnapshot(section)
        let orders = try #require(snapshot.clusters.first { $0.name.name == ScaleFixture.orders })
        let rest = orders.hosts.dropFirst(10)
        let requests = rest.reduce(0) { $0 + $1.requests }
        let range = SpreadText.shareRange(rest.map(\.share))
        let line = "    … 110 more hosts with \(Format.percent(requests, of: orders.requests)) of the requests, \(range)% each"
        #expect(section.contains(line))
        for host in orders.hosts.prefix(10) { #expect(section.contains(host.host)) }
        let p = SpreadText.pValue(orders.balance.pValue)
        #expect(section.contains("balance: even · 120 hosts · CV \(Format.fixed(orders.balance.cv, decimals: 2)) · χ² p \(p)"))
        #expect(section.contains("balance: skewed · 20 hosts"))
        #expect(section.contains("balance: pinned · 10 hosts"))
        #expect(section.contains("12 of 12 pods pinned"))
        #expect(!report.contains("≈"))
    }

    @Test func approximateTablesAreMarked() throws {
        let snapshot = ScaleFixture.approximate.snapshot
        let report = Self.render(snapshot)
        let section = Self.clustersSection(report)
        assertLinesSnapshot(section)
        let a = snapshot.accuracy.clusters
        #expect(section.hasPrefix("Clusters (\(snapshot.clusters.count - 1)) ≈"))
        #expect(section.contains("≈ approximate: \(Format.thousands(a.otherCount)) requests (\(Format.percent(a.otherShare))) "
                                 + "of clusters past the bound"))
        let orders = try #require(snapshot.clusters.first { $0.name.name == ScaleFixture.orders })
        let other = try #require(orders.hosts.last)
        let otherRow = try #require(section.split(separator: "\n").first { $0.contains("≈ other (hosts past the bound)") })
        #expect(otherRow.contains("≈" + Format.thousands(other.requests)) && otherRow.contains(Format.percent(other.share)))
        #expect(section.contains("counts within ±\(Format.thousands(orders.hostTable.errorBound))"))
        #expect(report.contains("≈ approximate beyond bounds: clusters, hosts of"))
    }
}
