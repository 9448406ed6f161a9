import BridgeSupport
import EngineTestSupport
import Foundation
import Testing

@testable import SyncEngine

/// What both stores must answer the same: every query of the `BridgeStore` protocol on a small data set, records
/// that come back equal to what was written, and the migrations' names. SQLite-only behaviour (file modes, a
/// corrupt file, the v2 → v3 data migration) stays in `StoreTests`.
@Suite struct StoreBackendTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func config(_ name: String) -> IntegrationConfig {
        var config = IntegrationConfig(name: name)
        config.cin7 = .init(accountID: UUID().uuidString, applicationKey: Secret(UUID().uuidString))
        config.warehouse = .init(tenantID: "t", clientID: "c", clientSecret: "s", customerID: "cu")
        config.orderCreation.defaultWarehouse = .init(name: "Sydney DC")
        return config
    }

    func unit(_ integrationID: Int64, _ sale: String, _ state: ShipmentState, at offset: TimeInterval = 0) -> ShipmentUnit {
        ShipmentUnit(
            integrationID: integrationID,
            saleID: sale,
            orderNumber: "SO-\(sale)",
            reference: "REF-\(sale)",
            customerName: "Harbour Outdoor",
            cin7Location: "Main",
            state: state,
            now: Self.t0.addingTimeInterval(offset)
        )
    }

    /// Every column, the JSON ones included, reads back as written.
    @Test(arguments: StoreBackendKind.allCases)
    func aUnitReadsBackEqual(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let id = try store.saveIntegration(config("Acme"), actor: "test")
        var full = unit(id, "S1", .needsAttention)
        full.fulfilmentNumber = 2
        full.taskIDs = ["t1", "t2"]
        full.warehouse = "Sydney DC"
        full.warehouseOrderID = "W-1"
        full.warehouseStatus = "PACKING"
        full.reason = "Address incomplete"
        full.reasonCode = ReasonCode(rawValue: "address_incomplete")
        full.attempts = 3
        full.nextAttemptAt = Self.t0.addingTimeInterval(60)
        full.lastError = "HTTP 500"
        full.resumeState = .creating
        full.saleUpdated = Self.t0.addingTimeInterval(-60)
        full.saleFingerprint = "abc"
        full.orderRequest = WarehouseOrderRequest(
            reference: "SO-7",
            warehouse: .init(id: "w1", name: "Sydney DC"),
            address: .init(),
            instructions: "Dock 2 – ünïcode",
            requiredDate: CalendarDate(year: 2026, month: 12, day: 24),
            customerReference: nil,
            cin7OrderNumber: "SO-7",
            lines: [.init(sku: "TENT", name: "Tent", quantity: 2.5)]
        )
        full.shipment = WarehouseShipment(carrier: "StarTrack", trackingNumber: "AP1", dispatchedAt: Self.t0)
        full.trackingSent = "AP1"
        full.writebackDone = 2
        full.writebackUncertain = true
        full.createUncertain = true
        full.trackingDirty = true
        full.cin7Change = "voided"
        full.rejectedCount = 1
        let inserted = try store.insertUnit(full)
        full.id = inserted.id
        #expect(try store.unit(id: try #require(inserted.id)) == full)
        let bare = try store.insertUnit(unit(id, "S2", .pending))
        #expect(try store.unit(id: try #require(bare.id)) == bare)
    }

    /// The protocol's queries on one small data set give the same answers on both stores.
    @Test(arguments: StoreBackendKind.allCases)
    func everyQueryAnswers(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let id = try store.saveIntegration(config("Acme"), actor: "alice", now: Self.t0)
        let other = try store.saveIntegration(config("Bravo"), actor: "alice", now: Self.t0)
        #expect(try store.integrations().map(\.name) == ["Acme", "Bravo"])
        #expect(try store.integration(named: "Bravo")?.id == other)
        #expect(try store.integration(id: id)?.decodedConfig().name == "Acme")
        try store.setEnabled(false, integrationID: other, actor: "bob", now: Self.t0)
        #expect(try store.integration(id: other)?.enabled == false)
        #expect(try store.configChanges(integrationID: other).map(\.summary) == ["changed paused", "created"])

        var pending = unit(id, "P1", .pending, at: 1)
        pending.nextAttemptAt = Self.t0.addingTimeInterval(600)
        let units = try store.insertUnits([
            pending, unit(id, "P2", .pending, at: 2), unit(id, "R1", .retrying, at: 3), unit(id, "A1", .needsAttention, at: 4),
            unit(id, "C1", .completed, at: 5), unit(other, "X1", .pending, at: 6),
        ])
        #expect(units.allSatisfy { $0.id != nil })
        let ids = units.compactMap(\.id)
        #expect(try store.stateCounts(integrationID: id) == [.pending: 2, .retrying: 1, .needsAttention: 1, .completed: 1])
        #expect(try store.queueCounts(integrationID: other).values.reduce(0, +) == 1)
        let due = try store.dueUnits(integrationID: id, states: [.pending], now: Self.t0.addingTimeInterval(10), limit: 10)
        #expect(due.map(\.saleID) == ["p2"])
        #expect(
            try store.dueUnits(integrationID: id, states: [.pending], now: Self.t0.addingTimeInterval(700), limit: 10).map(\.saleID) == ["p1", "p2"]
        )
        #expect(try store.nextDueDate(integrationID: id, states: [.pending]) == Self.t0.addingTimeInterval(600))
        #expect(try store.nextDueDate(integrationID: id, states: [.skipped]) == nil)
        #expect(try store.units(integrationID: id, saleID: "P1").map(\.id) == [ids[0]])
        #expect(try store.units(integrationID: id, saleIDs: ["P1", "R1", "none"]).keys.sorted() == ["p1", "r1"])
        #expect(try store.units(orderNumber: "SO-A1").map(\.id) == [ids[3]])
        #expect(try store.units(orderNumber: "REF-A1", integrationID: other).isEmpty)
        #expect(try store.units(integrationID: id, queue: ShipmentState.pending.queue).count == 2)
        #expect(try store.units(integrationID: id, queue: ShipmentState.pending.queue, filter: "so-p2").map(\.saleID) == ["p2"])
        #expect(try store.units(integrationID: id, queue: ShipmentState.pending.queue, offset: 1, limit: 5).map(\.saleID) == ["p1"])
        #expect(try store.units(state: .pending, integrationID: nil).count == 3)
        #expect(try store.units(state: nil, integrationID: other).count == 1)
        #expect(try store.oldestStateChange(integrationID: id, states: [.pending, .retrying]) == Self.t0.addingTimeInterval(1))
        #expect(try store.completedUnits(integrationID: id, completedAfter: Self.t0, limit: 10).map(\.saleID) == ["c1"])

        var retried = try #require(try store.unit(id: ids[2]))
        let before = retried
        retried.attempts = 4
        retried.warehouseOrderID = "W-9"
        try store.saveUnit(retried, from: before)
        #expect(try store.mostRetried(integrationID: id)?.attempts == 4)
        #expect(try store.unit(integrationID: id, warehouseOrderID: "W-9")?.id == ids[2])

        var attention = try #require(try store.unit(id: ids[3]))
        let seen = attention
        attention.reason = "No stock"
        attention.reasonCode = ReasonCode(rawValue: "no_stock")
        try store.saveUnit(attention, from: seen)
        let reasons = try store.attentionReasons(integrationID: id)
        #expect(reasons.count == 1)
        #expect(reasons.first?.code == ReasonCode(rawValue: "no_stock"))
        #expect(reasons.first?.reason == "No stock")
        #expect(reasons.first?.count == 1)

        try store.noteCin7Version(unitID: ids[4], saleUpdated: Self.t0, change: "voided")
        #expect(try store.unitsWithCin7Change(integrationID: id).map(\.id) == [ids[4]])
        var completed = try #require(try store.unit(id: ids[4]))
        let done = completed
        completed.trackingDirty = true
        try store.saveUnit(completed, from: done)
        #expect(try store.unitsWithTrackingChange(integrationID: id).map(\.id) == [ids[4]])
        try store.touch(unitID: ids[0], at: Self.t0.addingTimeInterval(100))
        #expect(try store.quietUnits(integrationID: id, state: .pending, before: Self.t0.addingTimeInterval(50), limit: 10).map(\.saleID) == ["p2"])

        // Audit, commands, watermarks, statuses.
        try store.appendAudit([
            AuditEntry(integrationID: id, unitID: ids[0], at: Self.t0, kind: .state, message: "one"),
            AuditEntry(
                integrationID: id,
                unitID: ids[0],
                at: Self.t0.addingTimeInterval(10),
                kind: .call,
                message: "two",
                method: "GET",
                status: 200,
                duration: 0.25
            ),
        ])
        #expect(try store.timeline(unitID: ids[0]).map(\.message) == ["one", "two"])
        #expect(try store.recentAudit(integrationID: id, limit: 1).first?.duration == 0.25)
        let command = try store.enqueue(OperatorCommand(integrationID: id, unitID: ids[3], kind: .retry, actor: "alice", createdAt: Self.t0))
        #expect(try store.pendingCommands(integrationID: id).map(\.id) == [command.id])
        #expect(try store.integrationsWithPendingCommands() == [id])
        try store.finishCommand(command, report: .refused("not now"), now: Self.t0.addingTimeInterval(1))
        #expect(try store.pendingCommands(integrationID: id).isEmpty)
        #expect(try store.integrationsWithPendingCommands().isEmpty)
        #expect(try store.command(id: try #require(command.id))?.report == .refused("not now"))
        #expect(try store.auditCount() == 4)
        #expect(try store.oldestAuditDate() == Self.t0)
        #expect(try store.pruneAudit(before: Self.t0.addingTimeInterval(0.5), integrationID: other) == 0)
        #expect(try store.pruneAudit(before: Self.t0.addingTimeInterval(0.5)) == 2)
        #expect(try store.auditCount() == 2)
        try store.setWatermark(integrationID: id, name: "cin7", value: Self.t0)
        try store.setWatermark(integrationID: id, name: "cin7", value: Self.t0.addingTimeInterval(5))
        #expect(try store.watermark(integrationID: id, name: "cin7") == Self.t0.addingTimeInterval(5))
        #expect(try store.watermark(integrationID: id, name: "none") == nil)
        try store.saveStatus(IntegrationStatus(integrationID: id, name: "Acme", now: Self.t0))
        #expect(try store.status(integrationID: id)?.name == "Acme")
        #expect(try store.acquireLease(integrationID: id, holder: "a", host: "h", pid: getpid(), now: Self.t0, timeout: 30) != nil)
        #expect(try store.lease(integrationID: id)?.holder == "a")
        try store.releaseLease(integrationID: id, holder: "a")
        #expect(try store.lease(integrationID: id) == nil)

        // Reconciliation runs: the latest comes back whole, findings included; the units compared are those changed
        // in the window or not settled.
        #expect(try store.lastReconciliation(integrationID: id) == nil)
        var report = ReconciliationReport(
            integrationID: id,
            integrationName: "Acme",
            platform: "CartonCloud",
            ranAt: Self.t0,
            since: Self.t0.addingTimeInterval(-86_400),
            until: Self.t0,
            cin7Calls: 2,
            warehouseCalls: 3
        )
        try store.saveReconciliation(report)
        report.ranAt = Self.t0.addingTimeInterval(60)
        report.findings = [
            .init(kind: .duplicated, orderNumber: "SO-P1", unitID: ids[0], warehouseOrderIDs: ["W-1", "W-2"], detail: "two", advice: "cancel")
        ]
        try store.saveReconciliation(report)
        #expect(try store.lastReconciliation(integrationID: id) == report)
        #expect(
            try store.reconciliationUnits(integrationID: id, since: Self.t0.addingTimeInterval(3600)).map(\.saleID).sorted() == [
                "a1", "p1", "p2", "r1",
            ]
        )

        try store.deleteIntegration(id: other, actor: "alice")
        #expect(try store.integrations().map(\.name) == ["Acme"])
        #expect(try store.units(state: nil, integrationID: other).isEmpty)
        #expect(try store.queueCounts(integrationID: other).isEmpty)
    }

    /// Two stores on one database (two hosts) racing for the same leases and the same budget: each lease has one
    /// winner, and the budget never grants more than its limit.
    @Test(arguments: StoreBackendKind.allCases)
    func racingStoresNeverBothWin(_ backend: StoreBackendKind) async throws {
        let location = try backend.freshLocation()
        let stores = [try BridgeStores.open(location), try BridgeStores.open(location)]
        let now = Date()
        let winners = try await withThrowingTaskGroup(of: Int.self) { group in
            for contender in 0..<8 {
                group.addTask {
                    let store = stores[contender % 2]
                    var won = 0
                    for integration in Int64(1)...10
                    where try store.acquireLease(
                        integrationID: integration,
                        holder: "holder-\(contender)",
                        host: "host-\(contender)",
                        pid: 1,
                        now: now,
                        timeout: 30
                    ) != nil {
                        won += 1
                    }
                    return won
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(winners == 10)
        let policy = RatePolicy(limit: 5, window: 60)
        let granted = try await withThrowingTaskGroup(of: Int.self) { group in
            for caller in 0..<12 {
                group.addTask {
                    let result = try await stores[caller % 2].rateBudgets().acquire(key: "cin7:race", policy: policy, reserve: 0, now: now)
                    if case .success = result { return 1 }
                    return 0
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(granted == 5)
    }

    /// Commands that only read (`status`, `orders`) never create a store: an empty place is "not found".
    @Test(arguments: StoreBackendKind.allCases)
    func openingExistingDataNeverCreatesIt(_ backend: StoreBackendKind) throws {
        let location = try backend.freshLocation()
        #expect(throws: StoreError.notFound(path: location.description)) { try BridgeStores.openExisting(location) }
        #expect(throws: StoreError.notFound(path: location.description)) { try BridgeStores.openExisting(location) }
        _ = try BridgeStores.open(location)
        #expect(throws: Never.self) { try BridgeStores.openExisting(location) }
    }

    /// Both stores apply the same named migrations, in the same order.
    @Test func bothStoresHaveTheSameMigrations() {
        #expect(SQLiteStore.migrator.migrations == PostgresStore.migrations.map(\.name))
    }

    /// A database migrated by a newer version is refused, not written to.
    @Test func aNewerPostgresSchemaIsRefused() throws {
        let location = try StoreBackendKind.postgres.freshLocation()
        guard case .postgres(let server) = location else { return }
        let store = try PostgresStore(location: server)
        try store.write { try await $0.run(#"INSERT INTO schema_migrations ("name") VALUES ('v99: from the future')"#) }
        #expect(throws: StoreError.newerSchema(path: server.description, migrations: ["v99: from the future"])) {
            try PostgresStore(location: server)
        }
    }

    @Test func aPostgresStoreRefusesBackupAndNamesPgDump() throws {
        guard case .postgres(let server) = try StoreBackendKind.postgres.freshLocation() else { return }
        let store = try PostgresStore(location: server)
        do {
            try store.backup(to: "/tmp/never")
            Issue.record("backed up")
        } catch let error as StoreError {
            #expect(error.description.contains("pg_dump"))
        }
    }

    @Test func anUnreachableServerIsAnActionableError() throws {
        let location = PostgresLocation(host: "127.0.0.1", port: 1, username: "nobody", password: "hunter2-secret", database: "x", tls: .disable)
        do {
            _ = try PostgresStore(location: location)
            Issue.record("connected to port 1")
        } catch let error as StoreError {
            guard case .unreachable = error else {
                Issue.record("\(error)")
                return
            }
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func theDatabaseURLIsParsedAndItsPasswordNeverShown() throws {
        let location = try PostgresLocation(parsing: "postgres://bridge:p%40ss@db.example:6543/cin7?schema=acme&sslmode=require")
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.username == "bridge")
        #expect(location.password?.reveal() == "p@ss")
        #expect(location.database == "cin7")
        #expect(location.schema == "acme")
        #expect(location.tls == .require)
        #expect(location.description == "postgres://bridge@db.example:6543/cin7?schema=acme")
        #expect(!"\(StoreLocation.postgres(location))".contains("p@ss"))
        let directory = URL(fileURLWithPath: "/tmp/data")
        #expect(try StoreLocation.choose(option: nil, environment: [:], directory: directory) == .sqlite(directory))
        #expect(
            try StoreLocation.choose(option: nil, environment: ["CIN7BRIDGE_DATABASE": "postgres://u@h/d"], directory: directory)
                == .postgres(PostgresLocation(host: "h", username: "u", database: "d"))
        )
        #expect(throws: StoreError.self) { try StoreLocation.choose(option: "/tmp/file.sqlite", environment: [:], directory: directory) }
    }
}

// MARK: Overview

extension StoreBackendTests {
    /// 200 integrations, a tenth with orders (two attention reasons of different sizes, retrying orders with
    /// different attempt counts, an old pending order), some with a lease, half with a published status.
    func fleet(_ store: BridgeStore, integrations: Int = 200) throws -> [Int64] {
        var ids: [Int64] = []
        var units: [ShipmentUnit] = []
        for i in 0..<integrations {
            var config = config(String(format: "Client %03d", (i * 7) % integrations))
            config.enabled = i % 17 != 0
            let id = try store.saveIntegration(config, actor: "test")
            ids.append(id)
            if i % 3 == 0 {
                _ = try store.acquireLease(integrationID: id, holder: "h\(i)", host: "host", pid: 1, now: Self.t0, timeout: 30)
            }
            if i % 2 == 0 {
                var status = IntegrationStatus(integrationID: id, name: config.name, now: Self.t0)
                status.lastPollAt = Self.t0.addingTimeInterval(-Double(i))
                try store.saveStatus(status)
            }
            guard i % 10 == 0 else { continue }
            for (k, code) in ["address_incomplete", "address_incomplete", "unknown_sku"].enumerated() {
                var u = unit(id, "A\(i)-\(k)", .needsAttention, at: Double(k))
                u.reasonCode = ReasonCode(rawValue: code)
                u.reason = "because \(code)"
                units.append(u)
            }
            for (k, attempts) in [2, 5 + i / 10].enumerated() {
                var u = unit(id, "R\(i)-\(k)", .retrying, at: Double(k))
                u.attempts = attempts
                u.lastError = "HTTP 503 (\(k))"
                units.append(u)
            }
            units.append(unit(id, "P\(i)", .pending, at: -Double(3600 + i)))
            units.append(unit(id, "C\(i)", .completed))
        }
        _ = try store.insertUnits(units)
        return ids
    }

    /// One read answers, for every integration, what the per-integration queries answer, and the health judged
    /// from it is the same as judged query by query (`status` and the TUI's home use the first).
    @Test(arguments: StoreBackendKind.allCases)
    func overviewsOfEveryIntegrationAnswerAsThePerIntegrationQueries(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let ids = try fleet(store)
        let overviews = try store.integrationOverviews(flowingStates: IntegrationHealth.flowingStates)
        #expect(overviews.count == 200)
        #expect(overviews.map(\.record) == (try store.integrations()))
        #expect(Set(overviews.compactMap(\.record.id)) == Set(ids))
        for overview in overviews {
            let id = try #require(overview.record.id)
            #expect(overview.counts == (try store.stateCounts(integrationID: id)))
            #expect(overview.status == (try store.status(integrationID: id)))
            #expect(overview.lease == (try store.lease(integrationID: id)))
            let reasons = try store.attentionReasons(integrationID: id).map {
                IntegrationOverview.AttentionReason(code: $0.code, reason: $0.reason, count: $0.count)
            }
            #expect(overview.attentionReasons == reasons)
            let oldest = try store.oldestStateChange(integrationID: id, states: IntegrationHealth.flowingStates)
            #expect((overview.oldestStateChange == nil) == (oldest == nil))
            if let a = overview.oldestStateChange, let b = oldest { #expect(abs(a.timeIntervalSince(b)) < 0.001) }
            let retried = try store.mostRetried(integrationID: id)
            #expect(overview.mostRetried?.orderNumber == retried?.orderNumber)
            #expect(overview.mostRetried?.attempts == retried?.attempts)
            #expect(overview.mostRetried?.lastError == retried?.lastError)
        }
        let withOrders = overviews.filter { !$0.attentionReasons.isEmpty }
        #expect(withOrders.count == 20)
        #expect(withOrders.allSatisfy { $0.attentionReasons.map(\.count) == [2, 1] && $0.mostRetried?.attempts ?? 0 >= 5 })
        let now = Self.t0.addingTimeInterval(10)
        let all = try IntegrationHealth.all(store: store, now: now)
        let oneByOne = try store.integrations().compactMap { record -> IntegrationHealth? in
            guard let id = record.id, let config = try? record.decodedConfig() else { return nil }
            return try IntegrationHealth.evaluate(id: id, config: config, store: store, now: now)
        }
        #expect(all == oneByOne)
        let tally = HealthTally(all)
        #expect(tally.total == 200)
        #expect(tally.ordersNeedingAttention == 60)
        #expect(tally.healthy + tally.attention + tally.down + tally.paused == 200)
    }

    /// An empty store, and integrations without orders, status or lease.
    @Test(arguments: StoreBackendKind.allCases)
    func overviewsOfIntegrationsWithNothingYet(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        #expect(try store.integrationOverviews(flowingStates: IntegrationHealth.flowingStates).isEmpty)
        let id = try store.saveIntegration(config("Quiet"), actor: "test")
        let overviews = try store.integrationOverviews(flowingStates: [])
        #expect(overviews.count == 1)
        #expect(overviews.first?.record.id == id)
        #expect(overviews.first?.counts == [:])
        #expect(overviews.first?.status == nil)
        #expect(overviews.first?.lease == nil)
        #expect(overviews.first?.attentionReasons == [])
        #expect(overviews.first?.oldestStateChange == nil)
        #expect(overviews.first?.mostRetried == nil)
    }
}
