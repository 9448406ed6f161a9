import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// Retry and re-evaluate use the configuration as it is now: a person fixes a mapping or the go-live point and the
/// orders that failed or were skipped because of it go where the configuration now says.
@Suite(.serialized)
struct RetryReroutesTests {
    /// Saves a change to the integration as the wizard would; the running engine picks it up.
    func reconfigure(_ bed: EngineBed, _ change: (inout IntegrationConfig) -> Void) throws {
        var config = try #require(try bed.store.integration(id: bed.integrationID)?.decodedConfig())
        change(&config)
        _ = try bed.store.saveIntegration(config, id: bed.integrationID, actor: "test")
    }

    func send(_ bed: EngineBed, _ kind: OperatorAction, unit: ShipmentUnit? = nil) async throws -> CommandAnswers {
        let command = try bed.host.command(
            OperatorCommand(integrationID: bed.integrationID, unitID: unit?.id, kind: kind, actor: "test", createdAt: Date())
        )
        return await CommandAnswers.wait(for: [try #require(command.id)], store: bed.store, timeout: 30)
    }

    @Test func fixTheMappingRetryAndTheOrderGoesToTheNewWarehouse() async throws {
        try await EngineBed.with(configure: { config, seed in
            config.orderCreation.defaultWarehouse = nil
            config.orderCreation.locationMappings = [
                .init(locationID: seed.main, locationName: "Main Warehouse", warehouse: .init(name: "Sydney DX"))
            ]
        }) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .needsAttention)
            #expect(bed.unit(ref)?.reason?.contains("Warehouse not found") == true, "\(bed.unit(ref)?.reason ?? "")")
            try reconfigure(bed) { config in
                config.orderCreation.locationMappings = [
                    .init(
                        locationID: bed.seed.main,
                        locationName: "Main Warehouse",
                        warehouse: .init(id: bed.seed.northWarehouse, name: "Brisbane DC")
                    )
                ]
            }
            let unit = try #require(bed.unit(ref))
            let answers = try await send(bed, .retry, unit: unit)
            #expect(answers.reports == [.done("Retrying \(ref.orderNumber) (to Brisbane DC).")])
            try await bed.waitForState(ref, .inWarehouse)
            let orders = bed.cartonCloud.orders(reference: ref.orderNumber)
            #expect(orders.count == 1)
            #expect(orders.first?.warehouseID == bed.seed.northWarehouse)
            let timeline = try bed.store.timeline(unitID: try #require(unit.id)).map(\.message)
            #expect(timeline.contains("Routed again with the current configuration: now to Brisbane DC (was Sydney DX)"), "\(timeline)")
        }
    }

    @Test func retryingASaleSkippedForItsLocationRoutesItWithTheNewMapping() async throws {
        try await EngineBed.with(configure: { config, _ in config.orderCreation.defaultWarehouse = nil }) { bed in
            let ref = bed.sale(location: "Northside 3PL")
            try await bed.waitForState(ref, .skipped)
            try reconfigure(bed) { config in
                config.orderCreation.locationMappings = [
                    .init(
                        locationID: bed.seed.north,
                        locationName: "Northside 3PL",
                        warehouse: .init(id: bed.seed.northWarehouse, name: "Brisbane DC")
                    )
                ]
            }
            let answers = try await send(bed, .retry, unit: bed.unit(ref))
            #expect(answers.reports.first?.outcome == .done, "\(answers.reports)")
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber).first?.warehouseID == bed.seed.northWarehouse)
        }
    }

    /// Issue 12: a whole sale skipped by routing, retried once the mapping is fixed, is read again from Cin7 and
    /// routed as new — here one order per fulfilment — instead of landing in Needs attention as "could not be prepared".
    @Test func retryingASkippedSaleReadsItAgainAndRoutesItAsNew() async throws {
        try await EngineBed.with(configure: { config, _ in
            config.orderCreation.defaultWarehouse = nil
            config.orderCreation.oneOrderPerFulfilment = true
        }) { bed in
            let lines = [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1)]
            let ref = bed.sale(location: "Northside 3PL", lines: lines, advanced: [[lines[0]], [lines[1]]])
            try await bed.waitForState(ref, .skipped)
            try reconfigure(bed) { config in
                config.orderCreation.locationMappings = [
                    .init(
                        locationID: bed.seed.north,
                        locationName: "Northside 3PL",
                        warehouse: .init(id: bed.seed.northWarehouse, name: "Brisbane DC")
                    )
                ]
            }
            let answers = try await send(bed, .retry, unit: bed.unit(ref))
            #expect(answers.reports == [.done("Retrying \(ref.orderNumber)-F1 (to Brisbane DC).")])
            try await bed.wait(
                "both fulfilments in the warehouse (\(bed.units(ref).map { "\($0.reference) \($0.state.rawValue) \($0.reason ?? "")" }))"
            ) {
                bed.units(ref).count == 2 && bed.units(ref).allSatisfy { $0.state == .inWarehouse }
            }
            #expect(Set(bed.units(ref).map(\.reference)) == ["\(ref.orderNumber)-F1", "\(ref.orderNumber)-F2"])
            for fulfilment in 1...2 {
                #expect(bed.cartonCloud.orders(reference: "\(ref.orderNumber)-F\(fulfilment)").map(\.warehouseID) == [bed.seed.northWarehouse])
            }
            let timeline = try bed.store.timeline(unitID: try #require(bed.units(ref).first { $0.fulfilmentNumber == 1 }?.id)).map(\.message)
            #expect(timeline.contains { $0.hasPrefix("Retry requested: reading the sale again from Cin7") }, "\(timeline)")
        }
    }

    /// A retried skipped sale that routing still skips stays skipped: the answer and the timeline say why.
    @Test func retryingASaleThatIsStillNotForTheWarehouseSaysWhy() async throws {
        try await EngineBed.with(configure: { config, _ in config.orderCreation.defaultWarehouse = nil }) { bed in
            let ref = bed.sale(location: "Northside 3PL")
            try await bed.waitForState(ref, .skipped)
            let answers = try await send(bed, .retry, unit: bed.unit(ref))
            let report = try #require(answers.reports.first)
            #expect(report.outcome == .refused && report.message.contains("is still not for the warehouse: Location \"Northside 3PL\""), "\(report)")
            let unit = try #require(bed.unit(ref))
            #expect(unit.state == .skipped && unit.reasonCode == .unmappedLocation)
            let timeline = try bed.store.timeline(unitID: try #require(unit.id)).map(\.message)
            #expect(timeline.contains { $0.hasPrefix("Still skipped with the current configuration: Location") }, "\(timeline)")
        }
    }

    @Test func movingGoLiveBackBringsInTheSalesItNowCovers() async throws {
        try await EngineBed.with(configure: { config, _ in config.orderCreation.goLive = .fromDate(Date().addingTimeInterval(3600)) }) { bed in
            let early = bed.sale()
            // Not listed: the sale changed before the go-live point.
            let polls = bed.cin7.stats.count("GET", "salelist")
            try await bed.wait("two more list polls", timeout: 10) { bed.cin7.stats.count("GET", "salelist") >= polls + 2 }
            #expect(bed.units(early).isEmpty)
            try reconfigure(bed) { config in config.orderCreation.goLive = .fromDate(Date().addingTimeInterval(-3600)) }
            try await bed.waitForState(early, .inWarehouse)
            #expect(bed.cartonCloud.orders(reference: early.orderNumber).count == 1)
        }
    }
}

/// The wizard's warehouse connection test says what is wrong with the customer, and which ones exist.
@Suite(.serialized)
struct WarehouseConnectionTestTests {
    @Test func aMissingOrWrongCustomerIsNamedWithTheTenantsCustomers() async throws {
        try await EngineBed.with { bed in
            var config = try #require(try bed.store.integration(id: bed.integrationID)?.decodedConfig())
            config.warehouse.customerID = ""
            let empty = await (try Connectors(config: config, store: bed.store)).warehouse.testConnection()
            #expect(empty.checks.last?.name == "Customer" && empty.checks.last?.ok == false)
            #expect(empty.firstProblem == "No Customer ID: copy it from CartonCloud → Customers.")

            config.warehouse.customerID = "9a8b7c6d"
            let wrong = await (try Connectors(config: config, store: bed.store)).warehouse.testConnection()
            let detail = try #require(wrong.firstProblem)
            #expect(detail.hasPrefix("Customer 9a8b7c6d is not in this tenant. Customers: "), "\(detail)")
            #expect(detail.contains("(\(bed.cartonCloud.customerID))"), "\(detail)")
        }
    }
}

/// CartonCloud cannot list warehouses: the wizard checks typed names against the warehouses of the customer's recent
/// orders, and says which names it could not find there.
@Suite(.serialized)
struct KnownWarehousesTests {
    @Test func namesAreCheckedAgainstTheWarehousesOfTheCustomersRecentOrders() async throws {
        try await EngineBed.with { bed in
            var config = try #require(try bed.store.integration(id: bed.integrationID)?.decodedConfig())
            let before = try await (try Connectors(config: config, store: bed.store)).warehouse.knownWarehouses()
            #expect(before.isEmpty, "no orders yet: nothing to check against")

            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let searches = bed.cartonCloud.stats.requests
            let known = try await (try Connectors(config: config, store: bed.store)).warehouse.knownWarehouses()
            #expect(known == [.init(id: bed.seed.mainWarehouse, name: "Sydney DC")])
            #expect(bed.cartonCloud.stats.requests - searches <= 2, "a token at most, and one search page")

            config.orderCreation.defaultWarehouse = .init(name: "Sydney DC")
            config.orderCreation.locationMappings = [
                .init(locationID: bed.seed.main, locationName: "Main Warehouse", warehouse: .init(name: "Sydney DX")),
                .init(locationID: bed.seed.north, locationName: "Northside 3PL", warehouse: .init(id: bed.seed.mainWarehouse.uppercased())),
            ]
            #expect(ConfigValidator.unknownWarehouses(in: config, known: known) == [.init(name: "Sydney DX")])
        }
    }
}
