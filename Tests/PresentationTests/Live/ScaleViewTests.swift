import AccessLog
import Analysis
import Testing
@testable import Presentation

/// The live view at mesh scale: spread summaries for many hosts, lists of thousands of hosts that
/// scroll, sort and filter, and approximate snapshots marked as such. Data from a real Aggregator.
@Suite struct ScaleViewTests {
    let mesh = ScaleFixture.mesh

    func cluster(_ data: LiveData, _ name: String) throws -> ClusterStats {
        try #require(data.snapshot.clusters.first { $0.name.name == name })
    }

    /// The model's context after settling, for feeding keys to `reduce`.
    func press(_ keys: [Key], _ data: LiveData, _ app: inout AppState, rows: Int, cols: Int) {
        for key in keys {
            _ = LiveFixture.render(data, &app, rows: rows, cols: cols)
            let model = LiveScreenModel.build(data, app: app, rows: rows, cols: cols)
            _ = reduce(&app, key, context: model.context)
        }
    }

    @Test func dashboardSummarisesA120HostCluster() throws {
        let orders = try cluster(mesh, ScaleFixture.orders)
        #expect(orders.balance.verdict == .even)
        #expect(SpreadText.namedHosts(orders).count == 120)
        var app = AppState()
        let wide = LiveFixture.render(mesh, &app, rows: 30, cols: 160)
        assertLinesSnapshot(wide.text, named: "wide")
        let range = SpreadText.shareRange(orders.hosts.map(\.share))
        #expect(wide.text.contains("even 120h \(range)%"))
        #expect(wide.text.contains("skewed 20h"))
        #expect(wide.text.contains("pinned 10h"))
        // With room (a 100-column panel) the summary spells the host count out.
        let summary = ClusterRows.spreadSummary(orders, named: SpreadText.namedHosts(orders), width: 33)
        #expect(summary.map(\.text).joined() == "even · 120 hosts · \(range)%")
        var narrowApp = AppState()
        let narrow = LiveFixture.render(mesh, &narrowApp, rows: 24, cols: 80)
        assertLinesSnapshot(narrow.text, named: "narrow")
        #expect(narrow.text.contains("even 120h \(range)%"))
        #expect(narrow.text.contains("3h 33%"), "a cluster with few hosts keeps its bar")
    }

    @Test func clusterScreenShowsTheBalanceLine() throws {
        let orders = try cluster(mesh, ScaleFixture.orders)
        var app = LiveFixture.app(.cluster(ScaleFixture.orders))
        let canvas = LiveFixture.render(mesh, &app, rows: 30, cols: 110)
        assertLinesSnapshot(canvas.text)
        let p = SpreadText.pValue(orders.balance.pValue)
        #expect(canvas.text.contains("balance                even · 120 hosts · CV \(Format.fixed(orders.balance.cv, decimals: 2)) · χ² p \(p)"))
        #expect(canvas.text.contains("Upstream hosts (120) · sorted by count"))
    }

    @Test func scrollsToTheBottomOfA2000HostList() throws {
        let data = ScaleFixture.fleetData
        let fleet = try cluster(data, ScaleFixture.fleet)
        #expect(fleet.hosts.count == 2000 && !fleet.hostTable.approximate)
        var app = LiveFixture.app(.cluster(ScaleFixture.fleet))
        press([.end], data, &app, rows: 30, cols: 110)
        let canvas = LiveFixture.render(data, &app, rows: 30, cols: 110)
        assertLinesSnapshot(canvas.text)
        let last = try #require(fleet.hosts.last)
        #expect(canvas.text.contains(last.host))
        let model = LiveScreenModel.build(data, app: app, rows: 30, cols: 110)
        let rows = model.context.panels[0].rowCount
        #expect(rows > 2000)
        #expect(canvas.text.contains("\(rows)/\(rows)"))
        // Paging back up moves one screen at a time through the hosts.
        press([.pageUp, .pageUp], data, &app, rows: 30, cols: 110)
        #expect(app.view.cursor(0) == rows - 1 - 2 * 26)
    }

    /// The dashboard builds only the cluster rows that can be on screen; what it draws after End
    /// and PgUp are the right clusters.
    @Test func dashboardScrollsThroughThousandsOfClusters() throws {
        let data = ScaleFixture.manyClusters
        let clusters = data.snapshot.clusters
        #expect(clusters.count == 1500)
        var app = AppState()
        app.view.panel = 1
        press([.end], data, &app, rows: 24, cols: 80)
        var canvas = LiveFixture.render(data, &app, rows: 24, cols: 80)
        #expect(app.view.cursor(1) == 1499)
        #expect(canvas.text.contains(" 1500/1500 "))
        let lastLabel = LiveLabels.clusterLabel(clusters[1499].name)
        let selected = try #require(canvas.text.split(separator: "\n").first { $0.contains(lastLabel) })
        #expect(selected.contains("1h 100%") || selected.contains("2h"))
        press([.pageUp, .pageUp, .up], data, &app, rows: 24, cols: 80)
        canvas = LiveFixture.render(data, &app, rows: 24, cols: 80)
        let cursor = try #require(app.view.cursor(1))
        let model = LiveScreenModel.build(data, app: app, rows: 24, cols: 80)
        guard case .dashboard(let dashboard) = model.body else { Issue.record("not the dashboard"); return }
        let page = dashboard.panels[1].pageRows
        #expect(cursor == 1499 - 2 * page - 1)
        #expect(canvas.text.contains(" \(cursor + 1)/1500 "))
        #expect(canvas.text.contains(LiveLabels.clusterLabel(clusters[cursor].name)))
        #expect(!dashboard.panels[1].rows[cursor].spans.isEmpty)
        #expect(dashboard.panels[1].rows[0].spans.isEmpty, "rows far off screen are not built")
    }

    @Test func sortsHostsByErrorsAndP99() throws {
        let orders = try cluster(mesh, ScaleFixture.orders)
        var app = LiveFixture.app(.cluster(ScaleFixture.orders))
        press([.character("s")], mesh, &app, rows: 30, cols: 110)
        #expect(app.sort == .errors)
        let byErrors = LiveFixture.render(mesh, &app, rows: 30, cols: 110)
        assertLinesSnapshot(byErrors.text, named: "errors")
        let mostErrors = HostRows.sorted(orders.hosts, by: .errors)[0]
        #expect(mostErrors.errors == orders.hosts.map(\.errors).max() && mostErrors.errors > 0)
        #expect(byErrors.text.contains("sorted by errors"))
        #expect(firstHostRow(byErrors.text)?.contains(mostErrors.host) == true)

        press([.character("s")], mesh, &app, rows: 30, cols: 110)
        #expect(app.sort == .p99)
        let byP99 = LiveFixture.render(mesh, &app, rows: 30, cols: 110)
        assertLinesSnapshot(byP99.text, named: "p99")
        let slowest = HostRows.sorted(orders.hosts, by: .p99)[0]
        #expect(slowest.latency.p99 == orders.hosts.map(\.latency.p99).max())
        #expect(firstHostRow(byP99.text)?.contains(slowest.host) == true)
    }

    /// The first row under the host list's column headings.
    func firstHostRow(_ text: String) -> String? {
        let lines = text.split(separator: "\n").map(String.init)
        guard let heading = lines.firstIndex(where: { $0.contains("HOST") && $0.contains("DISTRIBUTION") }) else { return nil }
        return heading + 1 < lines.count ? lines[heading + 1] : nil
    }

    @Test func filterNarrowsTheHostList() throws {
        var app = LiveFixture.app(.cluster(ScaleFixture.orders))
        app.setFilter("host:10.8.2.")
        let canvas = LiveFixture.render(mesh, &app, rows: 30, cols: 110)
        assertLinesSnapshot(canvas.text)
        #expect(canvas.text.contains("Upstream hosts (20 of 120)"))
        #expect(!canvas.text.contains("10.8.0.") && !canvas.text.contains("10.8.1."))
        // The dashboard keeps only the clusters that have such a host.
        var dashboard = AppState()
        dashboard.setFilter("host:10.8.2.")
        let model = LiveScreenModel.build(mesh, app: dashboard, rows: 24, cols: 80)
        guard case .dashboard(let d) = model.body else { Issue.record("not the dashboard"); return }
        #expect(d.panels[1].rows.count == 1)
        #expect(d.panels[1].title == "Clusters (1 of 4)")
    }

    @Test func approximateSnapshotIsMarked() throws {
        let data = ScaleFixture.approximate
        let s = data.snapshot
        #expect(s.accuracy.clusters.approximate)
        let orders = try cluster(data, ScaleFixture.orders)
        #expect(orders.hostTable.approximate)
        var app = AppState()
        let dashboard = LiveFixture.render(data, &app, rows: 24, cols: 100)
        assertLinesSnapshot(dashboard.text, named: "dashboard")
        #expect(dashboard.text.contains("≈ approximate: clusters, hosts"), "the header names the approximate tables")
        let other = try #require(s.clusters.last)
        #expect(other.isOther)
        #expect(dashboard.text.contains("≈ other clusters " + Format.percent(other.requests, of: s.requests)))
        #expect(dashboard.text.contains("≈" + Format.thousands(orders.requests)))

        var detail = LiveFixture.app(.cluster(ScaleFixture.orders))
        let canvas = LiveFixture.render(data, &detail, rows: 40, cols: 110)
        assertLinesSnapshot(canvas.text, named: "cluster")
        let otherHost = try #require(orders.hosts.last)
        #expect(otherHost.isOther)
        #expect(canvas.text.contains("≈ counts within ±\(Format.thousands(orders.hostTable.errorBound))"))
        let otherRow = try #require(canvas.text.split(separator: "\n").first { $0.contains("≈ other hosts") })
        #expect(otherRow.contains("≈" + Format.thousands(otherHost.requests)) && otherRow.contains(Format.percent(otherHost.share)))
    }
}
