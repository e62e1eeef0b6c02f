import AccessLog
import Analysis
import Testing
@testable import Presentation

@Suite struct ReducerTests {
    /// Four dashboard panels: findings (2 rows), clusters (30 rows, 10 visible), flags, codes (empty).
    let dashboard = NavigationContext(panels: [
        PanelContext(targets: [.finding(.connectionPinning, subject: "a"), .finding(.grpcErrors, subject: "b")], pageRows: 4),
        PanelContext(targets: (0..<30).map { .cluster("c\($0)") }, pageRows: 10),
        PanelContext(targets: [.flag(.upstreamOverflow)], pageRows: 3),
        PanelContext(targets: [], pageRows: 3),
    ], data: LiveData(sources: ["now"]))

    func press(_ keys: [Key], _ state: inout AppState, _ context: NavigationContext) -> [AppEffect] {
        keys.map { key in
            let before = state.stack.count
            let effect = reduce(&state, key, context: context)
            if state.stack.count == before { state.settle(context) }   // a new screen settles with its own context
            return effect
        }
    }

    @Test func movesWithinAPanelClampedAndScrolled() {
        var state = AppState()
        state.settle(dashboard)
        _ = press([.tab, .character("j"), .down, .down], &state, dashboard)
        #expect(state.view.panel == 1)
        #expect(state.view.cursor(1) == 3)
        _ = press([.pageDown, .pageDown], &state, dashboard)
        #expect(state.view.cursor(1) == 23)
        #expect(state.view.scroll(1) == 14)
        _ = press([.character("G")], &state, dashboard)
        #expect(state.view.cursor(1) == 29 && state.view.scroll(1) == 20)
        _ = press([.character("g"), .up, .character("k")], &state, dashboard)
        #expect(state.view.cursor(1) == 0 && state.view.scroll(1) == 0)
        #expect(state.view.cursor(0) == 0, "other panels keep their cursor")
    }

    @Test func tabAndShiftTabCyclePanels() {
        var state = AppState()
        _ = press([.tab, .tab, .tab, .tab], &state, dashboard)
        #expect(state.view.panel == 0)
        _ = press([.backTab], &state, dashboard)
        #expect(state.view.panel == 3)
    }

    @Test func enterDrillsInAndEscGoesBackOneLevel() {
        var state = AppState()
        _ = press([.tab, .down, .down, .enter], &state, dashboard)
        #expect(state.screen == .cluster("c2"))
        let cluster = NavigationContext(panels: [PanelContext(targets: [nil, nil, .host(cluster: "c2", host: "h1")], pageRows: 10)])
        state.settle(cluster)
        #expect(state.view.cursor(0) == 2, "a fresh screen starts on its first row that leads somewhere")
        _ = press([.enter], &state, cluster)
        #expect(state.screen == .host(cluster: "c2", host: "h1"))
        #expect(state.breadcrumb == ["clusters", "c2", "h1"])
        _ = press([.escape], &state, cluster)
        #expect(state.screen == .cluster("c2"))
        _ = press([.escape], &state, dashboard)
        #expect(state.screen == .dashboard)
        #expect(state.view.panel == 1 && state.view.cursor(1) == 2, "the dashboard keeps its selection")
        _ = press([.escape], &state, dashboard)
        #expect(state.stack.count == 1)
    }

    @Test func enterOnARowThatLeadsNowhereStays() {
        var state = AppState()
        _ = press([.tab, .tab, .tab, .enter], &state, dashboard)
        #expect(state.screen == .dashboard)
    }

    @Test func slashEditsTheFilterLiveEnterKeepsEscRestores() {
        var state = AppState()
        state.setFilter("code:200")
        _ = press([.character("/"), .ctrl("u")] + "flag:UO".map { Key.character($0) } + [.backspace, .character("O")], &state, dashboard)
        #expect(state.editingFilter == "code:200")
        #expect(state.filter == FilterQuery(parsing: "flag:UO"))
        _ = press([.character("q")], &state, dashboard)
        #expect(state.filterText == "flag:UOq", "q is text while typing, not quit")
        _ = press([.escape], &state, dashboard)
        #expect(state.filterText == "code:200" && state.editingFilter == nil)
        _ = press([.character("/"), .character(" "), .character("!"), .character("x"), .enter], &state, dashboard)
        #expect(state.filterText == "code:200 !x" && state.editingFilter == nil)
        #expect(state.filter.terms.last == FilterQuery.Term(.text("x"), inverted: true))
        _ = press([.escape], &state, dashboard)
        #expect(state.filterText.isEmpty, "Esc on the dashboard clears the filter")
    }

    @Test func sortAndWindowCycle() {
        var state = AppState()
        _ = press([.character("s")], &state, dashboard)
        #expect(state.sort == .errors)
        _ = press([.character("s"), .character("s")], &state, dashboard)
        #expect(state.sort == .count)
        let effects = press([.character("w"), .character("w"), .character("w")], &state, dashboard)
        #expect(effects == [.setWindow(.lastMinute), .setWindow(.last5Minutes), .setWindow(.all)])
        #expect(state.window == .all)
    }

    @Test func spaceFreezesTheDataOnScreenAndResumes() {
        var state = AppState()
        let later = LiveData(sources: ["later"])
        _ = press([.character(" ")], &state, dashboard)
        #expect(state.paused)
        #expect(state.frozen == dashboard.data)
        #expect(state.shown(later) == dashboard.data, "while paused the frozen copy is shown")
        _ = press([.character(" ")], &state, dashboard)
        #expect(!state.paused && state.frozen == nil)
        #expect(state.shown(later) == later)
    }

    @Test func helpOpensScrollsClosesAndQuitQuits() {
        var state = AppState()
        let help = NavigationContext(panels: [], help: PanelContext(targets: Array(repeating: nil, count: 30), pageRows: 10))
        _ = press([.character("?")], &state, dashboard)
        #expect(state.helpVisible)
        _ = press([.pageDown, .pageDown, .pageDown, .down], &state, help)
        #expect(state.helpScroll == 20, "clamped to the last page")
        _ = press([.escape], &state, help)
        #expect(!state.helpVisible && state.screen == .dashboard)
        #expect(press([.character("q")], &state, dashboard) == [.quit])
        state.helpVisible = true
        #expect(press([.character("q")], &state, help) == [.quit])
    }

    @Test func lOpensTheLinesOfTheScreenOnTop() {
        var state = LiveFixture.app(.cluster("c1"), .host(cluster: "c1", host: "h1"))
        _ = press([.character("l")], &state, dashboard)
        #expect(state.screen == .lines(LineScope(cluster: "c1", host: "h1")))
        _ = press([.character("l")], &state, dashboard)
        #expect(state.stack.count == 4, "no lines screen on top of a lines screen")
        var flag = LiveFixture.app(.flag(.upstreamOverflow))
        _ = press([.character("l")], &flag, dashboard)
        #expect(flag.breadcrumb == ["flags", "UO", "lines flag:UO"])
    }

    @Test func linesFollowTheNewestUntilTheCursorMovesUp() {
        var state = LiveFixture.app(.lines(LineScope()))
        var lines = NavigationContext(panels: [PanelContext(targets: Array(repeating: nil, count: 50), pageRows: 10, startsAtEnd: true)])
        state.settle(lines)
        #expect(state.view.cursor(0) == 49 && state.view.scroll(0) == 40)
        lines.panels[0].targets += Array(repeating: nil, count: 5)
        state.settle(lines)
        #expect(state.view.cursor(0) == 54, "follows new lines")
        _ = press([.up], &state, lines)
        lines.panels[0].targets += Array(repeating: nil, count: 5)
        state.settle(lines)
        #expect(state.view.cursor(0) == 53, "stays put once moved away from the newest")
        _ = press([.character("G")], &state, lines)
        #expect(state.view.follow)
    }

    @Test func cursorIsClampedWhenRowsDisappear() {
        var state = AppState()
        _ = press([.tab, .character("G")], &state, dashboard)
        var fewer = dashboard
        fewer.panels[1] = PanelContext(targets: [.cluster("only")], pageRows: 10)
        state.settle(fewer)
        #expect(state.view.cursor(1) == 0 && state.view.scroll(1) == 0)
    }
}
