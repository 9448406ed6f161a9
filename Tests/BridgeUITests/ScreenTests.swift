import TerminalUI
import Testing

@testable import BridgeUI
@testable import SyncEngine

/// The screen is an enum carrying its state; keys, digits included, go through the key maps.
@Suite struct ScreenTests {
    @Test func theOrderDetailCarriesItsDashboardThereAndBack() throws {
        var s = Fixtures.dashboardState(tab: .pending)
        _ = reduce(&s, .key(.down))
        _ = reduce(&s, .key(.char(" ")))  // marks SO-1012, moves to SO-1013
        let dashboard = try #require(s.dashboard)
        #expect(reduce(&s, .key(.enter)) == [.loadDetail(unitID: 13)])
        guard case .detail(let detail, let under) = s.screen else {
            Issue.record("not the detail: \(s.screen.kind)")
            return
        }
        #expect(detail.unit.orderNumber == "SO-1013" && under == dashboard)
        _ = reduce(&s, .key(.escape))
        #expect(s.screen == .dashboard(dashboard))
        // Back on Integrations, the dashboard is kept for when its integration is opened again.
        _ = reduce(&s, .key(.escape))  // clears the mark
        _ = reduce(&s, .key(.escape))
        #expect(s.screen == .home && s.lastDashboard?.selection == 2)
        _ = reduce(&s, .key(.enter))
        #expect(s.dashboard?.selection == 2 && s.dashboard?.tab == .pending)
    }

    @Test func theWizardReturnsToTheScreenItWasOpenedFrom() {
        var s = Fixtures.dashboardState()
        let dashboard = s.dashboard
        _ = reduce(&s, .configLoaded(id: 1, IntegrationConfig(name: "Demo")))
        #expect(s.screen.kind == .wizard)
        _ = reduce(&s, .key(.escape))
        #expect(s.screen.dashboard == dashboard && s.screen.kind == .dashboard)
    }

    @Test func digitKeysAreKeyMapBindings() {
        let keys = KeyMaps.dashboard(demo: false)
        for (offset, queue) in Queue.allCases.enumerated() {
            #expect(keys.action(for: .char(Character("\(offset + 1)"))) == .tab(queue))
        }
        #expect(keys.action(for: .char("9")) == nil)
        let help = HelpSection(keyMap: keys)
        #expect(help.rows.filter { $0.key == "1-8" }.count == 1)
    }
}
