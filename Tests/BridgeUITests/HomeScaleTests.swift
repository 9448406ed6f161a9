import BridgeSupport
import Foundation
import TerminalUI
import Testing

@testable import BridgeUI
@testable import SyncEngine

/// The Integrations screen of a 3PL with 500 integrations: counts, health sort, filter, paging, the selection kept
/// by id across refreshes, and a refresh from a real store that reads it once.
@Suite struct HomeScaleTests {
    @Test func theCountsAreOfEveryIntegration() {
        let s = Fixtures.fleetState()
        let t = s.home.tally
        #expect(t == HealthTally(Fixtures.fleetRows(500).rows))
        let figures: [Int] = [t.total, t.healthy, t.attention, t.down, t.paused, t.ordersNeedingAttention]
        #expect(figures == [500, 462, 20, 10, 8, 250])
        let text = render(s, size: Size(width: 80, height: 24), theme: .standard).plainText
        #expect(text.contains("500 integrations"))
        #expect(text.contains("20 attention"))
        #expect(text.contains("10 down"))
        #expect(text.contains("8 paused"))
        #expect(text.contains("250 failed"))
        let wide = render(s, size: Size(width: 120, height: 40), theme: .standard).plainText
        #expect(wide.contains("462 healthy") && wide.contains("250 orders need attention") && wide.contains("sorted by health"))
    }

    @Test func healthSortPutsAttentionThenDownFirstAndSSortsByName() {
        var s = Fixtures.fleetState()
        #expect(s.home.sort == .health)
        let levels = s.home.visible.map(\.level)
        #expect(levels.prefix(20).allSatisfy { $0 == .warning })
        #expect(levels.dropFirst(20).prefix(10).allSatisfy { $0 == .error })
        #expect(levels.dropFirst(30).allSatisfy { $0 == .ok || $0 == .paused })
        let rest = s.home.visible.dropFirst(30).map(\.name)
        #expect(rest == rest.sorted())
        #expect(s.home.selected?.name == "Client 020 Outdoor")
        _ = reduce(&s, .key(.char("s")))
        #expect(s.home.sort == .name)
        #expect(s.home.visible.map(\.name) == Fixtures.fleetRows(500).rows.map(\.name).sorted())
        // The selected integration stays selected when the order changes.
        #expect(s.home.selected?.name == "Client 020 Outdoor")
        #expect(s.home.selection == 19)
        #expect(render(s, size: Size(width: 120, height: 40), theme: .standard).plainText.contains("sorted by name"))
    }

    @Test func theFilterMatchesNameOrPlatformAndEscClearsIt() {
        var s = Fixtures.fleetState()
        _ = reduce(&s, .key(.char("/")))
        #expect(s.home.filterField != nil)
        for c in "starship" { _ = reduce(&s, .key(.char(c))) }
        #expect(s.home.visible.count == 167)
        #expect(s.home.visible.allSatisfy { s.home.platforms[$0.integrationID] == .starshipit })
        _ = reduce(&s, .key(.enter))
        #expect(s.home.filterField == nil)
        #expect(s.home.filter == "starship")
        // Counts stay those of every integration.
        #expect(s.home.tally.total == 500)
        _ = reduce(&s, .key(.escape))
        #expect(s.home.filter.isEmpty)
        #expect(s.home.visible.count == 500)

        _ = reduce(&s, .key(.char("/")))
        for c in "client 007" { _ = reduce(&s, .key(.char(c))) }
        #expect(s.home.visible.map(\.name) == ["Client 007 Coffee"])
        #expect(s.home.selected?.name == "Client 007 Coffee")
        // Esc while typing clears too.
        _ = reduce(&s, .key(.escape))
        #expect(s.home.filterField == nil)
        #expect(s.home.visible.count == 500)

        _ = reduce(&s, .key(.char("/")))
        for c in "zzz" { _ = reduce(&s, .key(.char(c))) }
        #expect(s.home.visible.isEmpty)
        #expect(render(s, size: Size(width: 80, height: 24), theme: .standard).plainText.contains("No integration matches \"zzz\""))
    }

    @Test func pageKeysMoveByTheRowsOnScreenAndKeepTheSelectionVisible() {
        var s = Fixtures.fleetState()
        s.viewport = Size(width: 80, height: 24)
        let page = HomeLayout(s, body: bodyRect(s.viewport)).listRows
        #expect(page == 14)
        func visible(_ s: AppState) -> Bool { s.home.scroll <= s.home.selection && s.home.selection < s.home.scroll + page }
        _ = reduce(&s, .key(.pageDown))
        #expect(s.home.selection == page)
        #expect(visible(s))
        _ = reduce(&s, .key(.pageDown))
        #expect(s.home.selection == 2 * page)
        #expect(visible(s))
        _ = reduce(&s, .key(.pageUp))
        #expect(s.home.selection == page)
        #expect(visible(s))
        _ = reduce(&s, .key(.end))
        #expect(s.home.selection == 499)
        #expect(s.home.scroll == 500 - page)
        let text = render(s, size: s.viewport, theme: .standard).plainText
        #expect(text.contains(s.home.visible[499].name))
        _ = reduce(&s, .key(.home))
        #expect(s.home.selection == 0)
        #expect(s.home.scroll == 0)
        _ = reduce(&s, .key(.char("G")))
        #expect(s.home.selection == 499)
        _ = reduce(&s, .key(.char("g")))
        #expect(s.home.selection == 0)
        // A taller terminal pages by more.
        s.viewport = Size(width: 120, height: 40)
        _ = reduce(&s, .key(.pageDown))
        #expect(s.home.selection == HomeLayout(s, body: bodyRect(s.viewport)).listRows)
    }

    @Test func theSelectedIntegrationStaysSelectedAcrossRefreshes() throws {
        var s = Fixtures.fleetState()
        for _ in 0..<40 { _ = reduce(&s, .key(.down)) }
        let chosen = try #require(s.home.selected)
        // A refresh where it turned unhealthy: it moves to the top group, and stays selected.
        var fleet = Fixtures.fleetRows(500)
        let index = try #require(fleet.rows.firstIndex { $0.integrationID == chosen.integrationID })
        fleet.rows[index].level = .warning
        fleet.rows[index].failed = 1
        _ = reduce(&s, .homeLoaded(fleet.rows, running: [], elsewhere: [:], platforms: fleet.platforms))
        #expect(s.home.selected?.integrationID == chosen.integrationID)
        #expect(s.home.selection < 21)
        #expect(s.home.scroll <= s.home.selection)
        // Deleted elsewhere: the selection stays in range.
        fleet.rows.remove(at: index)
        _ = reduce(&s, .homeLoaded(fleet.rows, running: [], elsewhere: [:], platforms: fleet.platforms))
        #expect(s.home.selected != nil)
        #expect(s.home.visible.count == 499)
    }

    @Test func theFooterAndHelpComeFromTheBindings() {
        let keys = KeyMaps.home(demo: false)
        #expect(keys.action(for: .char("/")) == .filter)
        #expect(keys.action(for: .char("s")) == .sort)
        #expect(keys.action(for: .escape) == .back)
        #expect(keys.action(for: .pageDown) == .pageDown)
        var s = Fixtures.fleetState()
        _ = reduce(&s, .key(.char("?")))
        let help = render(s, size: Size(width: 120, height: 40), theme: .standard).plainText
        #expect(help.contains("Filter by name or platform"))
    }

    /// 500 integrations in a real store: a refresh is one overview read (a fixed number of queries, see
    /// `integrationOverviews`), and it shows the counts.
    @Test func aRefreshOfFiveHundredIntegrationsIsOneStoreRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-home500-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        for i in 0..<500 {
            var config = IntegrationConfig(name: String(format: "Client %03d", i))
            config.enabled = i % 25 != 0
            config.warehouse.kind = Fixtures.platformCycle[i % 3]
            try store.saveIntegration(config, actor: "test")
        }
        var reads = 0
        let loaded = try HomeLoad.load(now: Fixtures.now) {
            reads += 1
            return try store.integrationOverviews(flowingStates: IntegrationHealth.flowingStates)
        }
        #expect(reads == 1)
        #expect(loaded.rows.count == 500)
        #expect(loaded.rows == (try IntegrationHealth.evaluate(store: store, now: Fixtures.now)))
        #expect(loaded.platforms.values.filter { $0 == .shipStation }.count == 167)
        var s = AppState(env: Fixtures.env, now: Fixtures.now)
        _ = reduce(&s, .homeLoaded(loaded.rows, running: [], elsewhere: [:], platforms: loaded.platforms))
        #expect(s.home.tally.paused == 20)
        #expect(s.home.tally.down == 480)  // nobody runs them
        let text = render(s, size: Size(width: 80, height: 24), theme: .standard).plainText
        #expect(text.contains("500 integrations"))
        #expect(text.contains("480 down"))
    }
}
