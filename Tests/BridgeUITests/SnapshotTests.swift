import Foundation
import TerminalUI
import Testing

@testable import BridgeUI
@testable import SyncEngine

/// Every screen at 80x24 and 120x40 (colour theme), under NO_COLOR (with the style layer) and in ASCII.
@Suite struct SnapshotTests {
    static let screens: [(String, @Sendable () -> AppState)] = [
        ("home", { Fixtures.homeState() }),
        ("home-demo", { Fixtures.homeState(demo: true) }),
        (
            "home-empty",
            {
                var s = AppState(env: Fixtures.env, now: Fixtures.now)
                _ = reduce(&s, .homeLoaded([], running: [], elsewhere: [:]))
                return s
            }
        ),
        (
            "home-delete",
            {
                var s = Fixtures.homeState()
                _ = reduce(&s, .key(.char("d")))
                return s
            }
        ),
        (
            "home-many",
            {
                var s = Fixtures.fleetState()
                _ = reduce(&s, .key(.pageDown))
                _ = reduce(&s, .key(.pageDown))
                return s
            }
        ),
        (
            "home-many-filter",
            {
                var s = Fixtures.fleetState()
                _ = reduce(&s, .key(.char("/")))
                for c in "coffee" { _ = reduce(&s, .key(.char(c))) }
                return s
            }
        ),
        (
            "home-many-byname",
            {
                var s = Fixtures.fleetState()
                _ = reduce(&s, .key(.char("s")))
                return s
            }
        ),
        ("dashboard", { Fixtures.dashboardState() }),
        (
            "dashboard-attention",
            {
                var s = Fixtures.dashboardState(
                    tab: .needsAttention,
                    units: [
                        Fixtures.attentionUnit,
                        Fixtures.unit(
                            22,
                            "SO-1009",
                            Fixtures.rtlCustomer,
                            .needsAttention,
                            reason: "Short-shipped: 1 of 3 TENT-2P",
                            code: .shortShipped
                        ),
                    ]
                )
                _ = reduce(&s, .key(.char(" ")))
                return s
            }
        ),
        (
            "dashboard-filter",
            {
                var s = Fixtures.dashboardState()
                _ = reduce(&s, .key(.char("/")))
                for c in "SO-101" { _ = reduce(&s, .key(.char(c))) }
                return s
            }
        ),
        (
            "dashboard-skip",
            {
                var s = Fixtures.dashboardState()
                _ = reduce(&s, .key(.char("s")))
                for c in "duplicate of SO-1010" { _ = reduce(&s, .key(.char(c))) }
                return s
            }
        ),
        ("detail", { Fixtures.detailState() }),
        (
            "detail-completed",
            {
                var s = Fixtures.dashboardState(tab: .completed, units: [Fixtures.completedUnit])
                _ = reduce(&s, .key(.enter))
                _ = reduce(&s, .detailLoaded(Fixtures.completedUnit, []))
                return s
            }
        ),
        ("wizard-1-name", { Fixtures.wizardState(step: 0) }),
        ("wizard-2-auth", { Fixtures.wizardState(step: 1) }),
        (
            "wizard-2-shipstation",
            {
                var s = Fixtures.wizardState(step: 1)
                s.screen.modifyWizard {
                    $0.choose(.shipStation)
                    $0.focus = .platform
                }
                return s
            }
        ),
        ("wizard-3-orders", { Fixtures.wizardState(step: 2) }),
        ("wizard-4-fulfilment", { Fixtures.wizardState(step: 3) }),
        (
            "wizard-invalid",
            {
                var s = Fixtures.homeState()
                _ = reduce(&s, .key(.char("n")))
                _ = reduce(&s, .key(.ctrl("n")))
                return s
            }
        ),
        (
            "help",
            {
                var s = Fixtures.dashboardState()
                _ = reduce(&s, .key(.char("?")))
                return s
            }
        ),
        (
            "quit-confirm",
            {
                var s = Fixtures.dashboardState()
                _ = reduce(&s, .key(.char("q")))
                return s
            }
        ),
    ]

    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    @Test(arguments: sizes)
    func colour(size: Size) {
        for (name, make) in Self.screens {
            Snapshot.assert(render(make(), size: size, theme: .standard), named: "\(name).\(size.width)x\(size.height)")
        }
    }

    @Test func noColor() {
        let theme = Theme(glyphs: .unicode, colorEnabled: false)
        for (name, make) in Self.screens {
            Snapshot.assert(render(make(), size: Size(width: 80, height: 24), theme: theme), named: "\(name).80x24.nocolor", styles: true)
        }
    }

    @Test func asciiFallback() {
        for name in ["home-demo", "dashboard", "detail", "wizard-3-orders"] {
            let make = Self.screens.first { $0.0 == name }!.1
            Snapshot.assert(render(make(), size: Size(width: 80, height: 24), theme: .plainASCII), named: "\(name).80x24.ascii")
        }
    }

    @Test func degradedAndTooSmall() {
        Snapshot.assert(render(Fixtures.dashboardState(), size: Size(width: 60, height: 20), theme: .standard), named: "dashboard.60x20")
        // The order number stays in the header; the active tab stays visible with the cut side marked.
        Snapshot.assert(render(Fixtures.detailState(), size: Size(width: 60, height: 20), theme: .standard), named: "detail.60x20")
        Snapshot.assert(
            render(Fixtures.dashboardState(tab: .cancelled), size: Size(width: 60, height: 20), theme: .standard),
            named: "dashboard-cancelled.60x20"
        )
        Snapshot.assert(render(Fixtures.wizardState(step: 1), size: Size(width: 60, height: 20), theme: .standard), named: "wizard-2-auth.60x20")
        Snapshot.assert(render(Fixtures.dashboardState(), size: Size(width: 59, height: 24), theme: .standard), named: "too-small.59x24")
    }

    @Test func noEscapeOrControlCharacterReachesTheScreen() {
        for (name, make) in Self.screens {
            for size in Self.sizes {
                let text = render(make(), size: size, theme: .standard).plainText
                let bad = text.unicodeScalars.filter {
                    ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                }
                #expect(bad.isEmpty, "\(name) at \(size) contains control characters")
            }
        }
    }
}
