import BridgeSupport
import Foundation
import TerminalUI

@testable import BridgeUI
@testable import SyncEngine

/// Deterministic data for reducer and snapshot tests, including hostile strings from "outside".
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Strings a Cin7 user or a warehouse could send: escape sequences, control characters, very long text,
    /// combining marks, wide characters and right-to-left text.
    static let hostileCustomer = "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Co\u{0}\u{7F} Ltd"
    static let wideCustomer = "東京アウトドア株式会社"
    static let rtlCustomer = "\u{202E}شركة الرياض\u{202C} للتخييم"
    static let combining = "Cafe\u{301} Ze\u{301}ro Zalgo z\u{335}\u{336}a\u{337}"
    static let longText = String(repeating: "Very long customer name that never ends ", count: 6)

    static let env = AppEnvironment(
        dataDirectory: "/home/ops/.local/share/cin7bridge",
        logFile: "/home/ops/.local/share/cin7bridge/cin7bridge.log",
        actor: "ops"
    )
    static let demoEnv = AppEnvironment(
        dataDirectory: "/tmp/cin7bridge-demo-1a2b3c4d",
        logFile: "/tmp/cin7bridge-demo-1a2b3c4d/cin7bridge.log",
        actor: "ops",
        demo: DemoInfo(credentials: [
            .init("Cin7 Account ID", "0b6f3c1e-2f4d-4b8e-9a1c-5d7e8f901234"),
            .init("Cin7 Application Key", "7c2d9e4f-1a3b-4c5d-8e9f-0a1b2c3d4e5f"),
            .init("Cin7 API base URL", "http://127.0.0.1:40001/ExternalApi/v2/"),
            .init("CartonCloud base URL", "http://127.0.0.1:40002"),
            .init("Tenant ID", "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"),
            .init("Client ID", "cin7bridge-demo"),
            .init("Client secret", "s3cr3t-demo-value"),
            .init("Customer ID", "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"),
            .init("Warehouses", "Sydney DC, Brisbane DC"),
        ])
    )

    static func health(
        _ id: Int64,
        _ name: String,
        enabled: Bool = true,
        level: IntegrationHealth.Level = .ok,
        problems: [String] = [],
        inFlight: Int = 0,
        failed: Int = 0,
        lastPoll: TimeInterval? = 3
    ) -> IntegrationHealth {
        IntegrationHealth(
            integrationID: id,
            name: name,
            enabled: enabled,
            level: level,
            problems: problems,
            counts: [:],
            inFlight: inFlight,
            failed: failed,
            lastPollAt: lastPoll.map { now.addingTimeInterval(-$0) },
            nextPollAt: now.addingTimeInterval(2),
            owner: nil,
            status: nil
        )
    }

    static let homeRows = [
        health(1, "Demo", inFlight: 7, failed: 1, lastPoll: 2),
        health(2, "Acme \u{1B}[31mRed\u{1B}[0m — Brisbane", enabled: false, level: .paused, inFlight: 0, lastPoll: 3600),
        health(
            3,
            wideCustomer,
            level: .error,
            problems: ["Not syncing: no cin7bridge process owns this integration. Start `cin7bridge run` (or the systemd unit)."],
            lastPoll: nil
        ),
    ]

    static func unit(
        _ id: Int64,
        _ number: String,
        _ customer: String,
        _ state: ShipmentState,
        location: String = "Main Warehouse",
        warehouse: String? = "Sydney DC",
        age: TimeInterval = 65,
        reason: String? = nil,
        code: ReasonCode? = nil
    ) -> ShipmentUnit {
        var u = ShipmentUnit(
            id: id,
            integrationID: 1,
            saleID: "sale-\(id)",
            orderNumber: number,
            reference: number,
            customerName: customer,
            cin7Location: location,
            warehouse: warehouse,
            state: state,
            reason: reason,
            reasonCode: code,
            now: now.addingTimeInterval(-age)
        )
        u.stateChangedAt = now.addingTimeInterval(-age)
        return u
    }

    static let units: [ShipmentUnit] = [
        unit(11, "SO-1011", "Harbour Outdoor Ltd", .pending, age: 2),
        unit(12, "SO-1012", hostileCustomer, .creating, age: 4),
        unit(13, "SO-1013", wideCustomer, .pending, location: "Northside 3PL", warehouse: "Brisbane DC", age: 9),
        unit(14, "SO-1014", rtlCustomer, .pending, age: 30),
        unit(15, "SO-1015", combining, .pending, age: 75),
        unit(16, "SO-1016", longText, .pending, age: 3700),
    ]

    static var attentionUnit: ShipmentUnit {
        var u = unit(
            21,
            "SO-1005",
            "Alpine Adventures",
            .needsAttention,
            age: 125,
            reason: "Rejected by the warehouse: unknown product MAT-SELF \u{1B}[5mblink\u{1B}[0m",
            code: .unknownSKU
        )
        u.warehouseOrderID = "cc-0042"
        u.warehouseStatus = "REJECTED"
        u.attempts = 1
        var address = WarehouseOrderRequest.Address()
        address.companyName = "Alpine Adventures"
        address.contactName = "Receiving"
        address.address1 = "15 Dock Rd"
        address.city = "Hobart"
        address.stateCode = "TAS"
        address.postcode = "7000"
        address.countryCode = "AU"
        u.orderRequest = WarehouseOrderRequest(
            reference: "SO-1005",
            warehouse: .init(id: "w1", name: "Sydney DC"),
            address: address,
            instructions: "Deliver to dock 2\u{1B}[2J",
            requiredDate: nil,
            customerReference: nil,
            cin7OrderNumber: "SO-1005",
            lines: [.init(sku: "TENT-2P", name: "2-Person Tent", quantity: 3), .init(sku: "MAT-SELF", name: "Self-inflating Mat", quantity: 1)]
        )
        return u
    }

    static var completedUnit: ShipmentUnit {
        var u = unit(31, "SO-1001", "Harbour Outdoor Ltd", .completed, age: 40)
        u.warehouseOrderID = "cc-0040"
        u.warehouseStatus = "DISPATCHED"
        u.shipment = WarehouseShipment(carrier: "StarTrack", trackingNumber: "AP100040", trackingURL: "https://auspost.example/track/AP100040")
        u.trackingSent = "AP100040"
        return u
    }

    static let timeline: [AuditEntry] = [
        AuditEntry(
            integrationID: 1,
            unitID: 21,
            at: now.addingTimeInterval(-20),
            kind: .operatorAction,
            message: "Retry requested",
            actor: "ops@10.0.0.5"
        ),
        AuditEntry(
            integrationID: 1,
            unitID: 21,
            at: now.addingTimeInterval(-120),
            kind: .state,
            message: "creating → needs attention: unknown product MAT-SELF"
        ),
        AuditEntry(
            integrationID: 1,
            unitID: 21,
            at: now.addingTimeInterval(-121),
            kind: .call,
            message: "Create order",
            method: "POST",
            path: "/tenants/t/outbound-orders",
            status: 228,
            duration: 0.042
        ),
        AuditEntry(integrationID: 1, unitID: 21, at: now.addingTimeInterval(-125), kind: .state, message: "pending → creating"),
        AuditEntry(
            integrationID: 1,
            unitID: 21,
            at: now.addingTimeInterval(-126),
            kind: .call,
            message: "Read sale \u{1B}]52;c;ZXZpbA==\u{07}",
            method: "GET",
            path: "/sale?ID=abc",
            status: 200,
            duration: 0.31
        ),
    ]

    static var status: IntegrationStatus {
        var s = IntegrationStatus(integrationID: 1, name: "Demo", now: now)
        s.lastPollAt = now.addingTimeInterval(-3)
        s.nextPollAt = now.addingTimeInterval(2)
        s.cin7Budget = RateUsage(used: 24, limit: 60, window: 60)
        s.backlog = 6
        s.drained = 14
        s.backlogETA = 30
        s.cin7Connected = true
        s.warehouseConnected = true
        return s
    }

    static let counts: [Queue: Int] = [
        .pending: 6, .inWarehouse: 3, .dispatched: 1, .completed: 12, .retrying: 0, .needsAttention: 1, .skipped: 2, .cancelled: 1,
    ]

    static func homeState(demo: Bool = false) -> AppState {
        var s = AppState(env: demo ? demoEnv : env, now: now)
        _ = reduce(&s, .homeLoaded(homeRows, running: [1], elsewhere: [2: "ops-host:4242"]))
        // Demo selected (sorted by health, the stopped integration comes first, then by name).
        s.home.selection = s.home.visible.firstIndex { $0.integrationID == 1 } ?? 0
        return s
    }

    static func dashboardState(tab: Queue = .pending, units: [ShipmentUnit] = Fixtures.units) -> AppState {
        var s = homeState()
        var d = DashboardState(integrationID: 1, name: "Demo")
        d.tab = tab
        d.loaded = true  // a dashboard the person has been using (a first load picks its own tab)
        s.screen = .dashboard(d)
        _ = reduce(
            &s,
            .dashboardLoaded(
                DashboardSnapshot(
                    integrationID: 1,
                    counts: counts,
                    units: units,
                    status: status,
                    attention: [AttentionGroup(code: .unknownSKU, reason: "Rejected by the warehouse: unknown product MAT-SELF", count: 1)],
                    enabled: true,
                    name: "Demo"
                )
            )
        )
        return s
    }

    static func detailState() -> AppState {
        var s = dashboardState(tab: .needsAttention, units: [attentionUnit])
        _ = reduce(&s, .key(.enter))
        _ = reduce(&s, .detailLoaded(attentionUnit, timeline))
        return s
    }

    static var locations: LocationIndex {
        LocationIndex([
            .init(id: "L1", name: "Main Warehouse", parentID: nil), .init(id: "L1a", name: "Main Warehouse: A-01", parentID: "L1"),
            .init(id: "L2", name: "Northside 3PL", parentID: nil), .init(id: "L3", name: "Showroom", parentID: nil),
        ])
    }

    static var summaries: [SaleSummary] {
        [
            SaleSummary(
                saleID: "s1",
                orderNumber: "SO-1001",
                status: "ORDERED",
                orderStatus: "AUTHORISED",
                customer: "Harbour Outdoor Ltd",
                locationID: "L1a",
                updated: now.addingTimeInterval(-300)
            ),
            SaleSummary(
                saleID: "s2",
                orderNumber: "SO-1002",
                status: "ORDERED",
                orderStatus: "AUTHORISED",
                customer: "Alpine Adventures",
                locationID: "L2",
                updated: now.addingTimeInterval(-200)
            ),
            SaleSummary(
                saleID: "s3",
                orderNumber: "SO-1003",
                status: "ORDERED",
                orderStatus: "AUTHORISED",
                customer: "Coastal Camping Co",
                locationID: "L3",
                updated: now.addingTimeInterval(-100)
            ),
            SaleSummary(
                saleID: "s4",
                orderNumber: "SO-0999",
                status: "ORDERED",
                orderStatus: "AUTHORISED",
                customer: "Summit Supplies",
                locationID: "L1",
                updated: now.addingTimeInterval(-30 * 86_400)
            ),
        ]
    }

    /// The wizard at a step, filled in as a user would.
    static func wizardState(step: Int) -> AppState {
        var s = homeState(demo: true)
        _ = reduce(&s, .key(.char("n")))
        s.screen.modifyWizard { $0.goLiveNow = now.addingTimeInterval(-3600) }
        func type(_ text: String) { for c in text { _ = reduce(&s, .key(.char(c))) } }
        type("Acme \u{1B}[31mSydney")
        if step == 0 { return s }
        _ = reduce(&s, .key(.ctrl("n")))
        type("0b6f3c1e-2f4d-4b8e-9a1c-5d7e8f901234")
        _ = reduce(&s, .key(.tab))
        type("7c2d9e4f-1a3b-4c5d-8e9f-0a1b2c3d4e5f")
        _ = reduce(&s, .key(.tab))
        for _ in 0..<80 { _ = reduce(&s, .key(.backspace)) }
        type("http://127.0.0.1:40001/ExternalApi/v2/")
        _ = reduce(&s, .key(.tab))
        _ = reduce(&s, .key(.enter))
        _ = reduce(&s, .cin7Tested(ConnectionReport(checks: [.init(name: "Cin7 Core", ok: true, detail: "Demo Outdoor Pty Ltd — 3 locations")])))
        _ = reduce(&s, .key(.tab))  // the platform: CartonCloud
        _ = reduce(&s, .key(.tab))
        for _ in 0..<80 { _ = reduce(&s, .key(.backspace)) }
        type("http://127.0.0.1:40002")
        _ = reduce(&s, .key(.tab))
        type("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
        _ = reduce(&s, .key(.tab))
        type("cin7bridge-demo")
        _ = reduce(&s, .key(.tab))
        type("s3cr3t-demo-value")
        _ = reduce(&s, .key(.tab))
        type("9a8b7c6d")
        _ = reduce(&s, .key(.tab))
        _ = reduce(&s, .key(.enter))
        _ = reduce(
            &s,
            .warehouseTested(
                ConnectionReport(checks: [
                    .init(name: "Token", ok: true, detail: "client credentials accepted"),
                    .init(name: "Tenant", ok: true, detail: "Demo 3PL"),
                    .init(name: "Customer", ok: false, detail: "customer 9a8b7c6d not found: copy the Customer ID from CartonCloud → Customers"),
                ])
            )
        )
        if step == 1 { return s }
        _ = reduce(&s, .key(.ctrl("n")))
        _ = reduce(
            &s,
            .previewLoaded(
                summaries: summaries,
                locations: locations,
                warehouses: [.init(id: "wh-1", name: "Sydney DC"), .init(name: "Brisbane DC")]
            )
        )
        type("Sydney DC, Brisbane DC")
        _ = reduce(&s, .key(.tab))
        _ = reduce(&s, .key(.tab))
        _ = reduce(&s, .key(.char(" ")))  // Main Warehouse → Sydney DC
        _ = reduce(&s, .key(.tab))
        _ = reduce(&s, .key(.char(" ")))
        _ = reduce(&s, .key(.char(" ")))  // Northside → Brisbane DC
        if step == 2 { return s }
        _ = reduce(&s, .key(.ctrl("n")))
        return s
    }
}
