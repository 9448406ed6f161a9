import Foundation
import Simulators
import SyncEngine

/// The engine's promises, checked against what the simulators recorded (not against the engine's own view, and
/// not relying on a simulator to refuse what the engine should never have sent).
public enum Invariants {
    public struct Report: Sendable, CustomStringConvertible {
        public var sales = 0
        /// Live (not deleted, not rejected) warehouse orders of the checked sales.
        public var liveOrders = 0
        /// Every warehouse order the checked sales have, deleted and rejected ones included: the creates the
        /// warehouse accepted for processing.
        public var creates = 0
        /// Sales whose every unit is completed.
        public var completed = 0
        /// Sales that settled without a warehouse order (skipped, or voided and cancelled).
        public var withoutOrder = 0
        /// Pick, pack and ship writes sent more than once for the same task and step (accepted or refused).
        public var resentWrites = 0
        public var problems: [String] = []
        public init() {}
        /// Every sale is completed or settled without a warehouse order.
        public var settled: Bool { completed + withoutOrder == sales }
        public var description: String {
            "\(sales) sales, \(creates) warehouse creates, \(liveOrders) live warehouse orders, \(completed) completed, "
                + "\(withoutOrder) settled without an order, \(resentWrites) writes re-sent; \(problems.count) problems"
        }
    }

    /// What the test asked Cin7 for: the sale's lines (and fulfilments), location and shipping address, so the
    /// warehouse order can be compared with the sale rather than with what the engine mapped.
    public struct Expectation: Sendable {
        public var lines: [SimLine]
        public var advanced: [[SimLine]]?
        public var location: String
        public var company: String
        public var contact: String

        public init(_ draft: SimSaleDraft) {
            lines = draft.lines
            advanced = draft.advancedFulfilments
            location = draft.location
            company = draft.shippingAddress.company
            contact = draft.shippingAddress.contact
        }
    }

    /// How strict a check is.
    public struct Options: Sendable {
        /// The checked sales are every sale in the run: a warehouse order belonging to none of them is a problem.
        public var complete: Bool
        /// How many pick/pack/ship writes may have been re-sent because their outcome was unknown (a kill or an
        /// injected drop, hang or garbled answer after Cin7 acted). 0: every write is sent exactly once.
        public var unknownOutcomes: Int

        public init(complete: Bool = false, unknownOutcomes: Int = 0) {
            self.complete = complete
            self.unknownOutcomes = unknownOutcomes
        }
    }

    /// For every sale: every warehouse order whose reference carries its Cin7 order number (deleted, rejected,
    /// prefixed, `-F<n>` and `-R<n>` ones included) belongs to one of its units; each unit that reached the
    /// warehouse has exactly one live order, the one the unit points at, accepted once, in the expected warehouse
    /// with the sale's stock lines, quantities and address; skipped and cancelled units have no live order (skipped
    /// ones none at all); every task of a dispatched, completed unit has pick, pack and ship authorised in Cin7 with
    /// the warehouse's tracking on every ship line, each written once (within `options.unknownOutcomes`); nothing
    /// is written to Cin7 before the warehouse dispatched.
    public static func check(sales: [SimSaleRef], bed: EngineBed, options: Options = Options()) throws -> Report {
        var report = Report()
        report.sales = sales.count
        let config = try bed.store.integration(id: bed.integrationID)?.decodedConfig() ?? IntegrationConfig(name: "?")
        // The store first, the simulators after: whatever the store says happened has happened in the simulators by
        // the time they are read (the engine may be running).
        var unitsBySale: [String: [ShipmentUnit]] = [:]
        for sale in sales { unitsBySale[sale.saleID] = try bed.store.units(integrationID: bed.integrationID, saleID: sale.saleID) }
        let cin7Stats = bed.cin7.stats
        let numbers = Set(sales.map(\.orderNumber))
        let lengths = Set(numbers.map(\.count))
        var ordersByNumber: [String: [PlatformOrder]] = [:]
        let liveCounts = bed.liveOrderCounts()
        for order in bed.platformOrders() {
            let base = withoutFulfilment(baseReference(order.reference))
            if let number = lengths.lazy.map({ String(base.suffix($0)) }).first(where: { numbers.contains($0) }) {
                ordersByNumber[number, default: []].append(order)
            } else if options.complete {
                report.problems.append("warehouse order \(order.id) \"\(order.reference)\" belongs to no sale of the run")
            }
        }
        var resent: [String] = []
        for sale in sales {
            let units = unitsBySale[sale.saleID] ?? []
            let orders = ordersByNumber[sale.orderNumber] ?? []
            report.creates += orders.count
            if units.isEmpty {
                report.problems.append("\(sale.orderNumber): never recorded")
                if !orders.isEmpty { report.problems.append("\(sale.orderNumber): never recorded but has \(orders.count) warehouse orders") }
                continue
            }
            let snapshot = bed.cin7.snapshot(saleID: sale.saleID)
            // A person's skip (after the order reached the warehouse, say) may leave the warehouse order alone.
            if units.allSatisfy({ $0.state == .skipped && $0.reasonCode != .operatorSkip }) {
                report.withoutOrder += 1
                if !orders.isEmpty {
                    report.problems.append(
                        "\(sale.orderNumber): skipped (\(units[0].reasonCode?.rawValue ?? "")) but has \(orders.count) warehouse orders"
                    )
                }
                continue
            }
            let claimed = Set(units.map { baseReference($0.reference) })
            for order in orders where !claimed.contains(baseReference(order.reference)) {
                report.problems.append("\(sale.orderNumber): warehouse order \"\(order.reference)\" belongs to none of its units")
            }
            for unit in units {
                let expectedReference =
                    config.orderCreation.referencePrefix + sale.orderNumber + (unit.fulfilmentNumber > 0 ? "-F\(unit.fulfilmentNumber)" : "")
                if baseReference(unit.reference) != expectedReference {
                    report.problems.append("\(sale.orderNumber): unit reference \(unit.reference), expected \(expectedReference)")
                }
                let mine = orders.filter { baseReference($0.reference) == baseReference(unit.reference) }
                let accepted = mine.filter(\.accepted)
                let live = accepted.filter(\.live)
                // The platform's own count of live orders per reference (the orders' `live` flags must agree with it).
                let counted = liveCounts.filter { baseReference($0.key) == baseReference(unit.reference) }.values.reduce(0, +)
                if counted != live.count {
                    report.problems.append("\(unit.reference): the platform counts \(counted) live orders, its orders show \(live.count)")
                }
                report.liveOrders += counted
                if accepted.count > 1 {
                    report.problems.append(
                        "\(unit.reference): \(accepted.count) orders accepted by the warehouse (\(accepted.map(\.id).joined(separator: ", ")))"
                    )
                }
                switch unit.state {
                case .skipped where unit.reasonCode == .operatorSkip:
                    if counted > 1 { report.problems.append("\(unit.reference): \(counted) live warehouse orders") }
                case .skipped, .cancelled:
                    if counted != 0 { report.problems.append("\(unit.reference): \(unit.state.rawValue) but \(counted) live warehouse order(s)") }
                case .inWarehouse, .dispatched, .writingBack, .completed:
                    if counted != 1 { report.problems.append("\(unit.reference): \(counted) live warehouse orders") }
                default:
                    if counted > 1 { report.problems.append("\(unit.reference): \(counted) live warehouse orders") }
                }
                let tasks = unit.writebackTasks.map { $0.lowercased() }
                guard let order = live.first else {
                    for task in tasks where writes(cin7Stats, task) > 0 {
                        report.problems.append("\(unit.reference): written back to Cin7 without a live warehouse order")
                    }
                    continue
                }
                if let pointed = unit.warehouseOrderID, pointed != order.id {
                    report.problems.append("\(unit.reference): the unit points at warehouse order \(pointed), the live one is \(order.id)")
                }
                if let expectation = bed.expectation(saleID: sale.saleID) {
                    report.problems += contentProblems(order, unit: unit, expectation, config: config, bed: bed)
                }
                if order.dispatched {
                    guard unit.state == .completed else { continue }
                    let tracking = order.trackingNumbers.first
                    for task in tasks {
                        guard let f = snapshot?.fulfilments.first(where: { $0.taskID == task }) else {
                            report.problems.append("\(unit.reference): Cin7 has no task \(task)")
                            continue
                        }
                        if [f.pickStatus, f.packStatus, f.shipStatus] != ["AUTHORISED", "AUTHORISED", "AUTHORISED"] {
                            report.problems.append(
                                "\(unit.reference) task \(f.number): pick \(f.pickStatus), pack \(f.packStatus), ship \(f.shipStatus)"
                            )
                        }
                        if f.shipLines.isEmpty { report.problems.append("\(unit.reference) task \(f.number): no ship lines") }
                        if config.fulfilment.sendTracking, let tracking {
                            for line in f.shipLines where line.trackingNumber != tracking {
                                report.problems.append(
                                    "\(unit.reference) task \(f.number): tracking \(line.trackingNumber.isEmpty ? "none" : line.trackingNumber) ≠ \(tracking)"
                                )
                            }
                        }
                        for step in ["pick", "pack", "ship"] {
                            let count = cin7Stats.writes(task: task, "POST", step)
                            if count == 0 { report.problems.append("\(unit.reference) task \(f.number): no \(step) was ever sent") }
                            if count > 1 {
                                report.resentWrites += count - 1
                                resent.append("\(unit.reference) task \(f.number) \(step) ×\(count)")
                            }
                        }
                    }
                    // A whole-sale unit covers every task of the sale.
                    if unit.fulfilmentNumber == 0, let snapshot {
                        for f in snapshot.fulfilments where !tasks.contains(f.taskID) {
                            report.problems.append("\(unit.reference): Cin7 task \(f.number) is not written back by the unit")
                        }
                    }
                } else {
                    for task in tasks where writes(cin7Stats, task) > 0 {
                        report.problems.append(
                            "\(unit.reference): written back to Cin7 (\(cin7Stats.fulfilmentWrites[task] ?? [:])) but not dispatched"
                        )
                    }
                    if let f = snapshot?.fulfilments.first(where: { tasks.contains($0.taskID) && $0.shipStatus == "AUTHORISED" }) {
                        report.problems.append("\(unit.reference): shipped in Cin7 (task \(f.number)) but not dispatched")
                    }
                }
            }
            if units.allSatisfy({ $0.state == .completed }) {
                report.completed += 1
            } else if units.allSatisfy({ $0.state == .skipped || $0.state == .cancelled }) {
                report.withoutOrder += 1
            }
        }
        if report.resentWrites > options.unknownOutcomes {
            report.problems.append(
                "\(report.resentWrites) Cin7 writes re-sent, at most \(options.unknownOutcomes) outcomes were unknown: \(resent.prefix(8))"
            )
        }
        return report
    }

    /// A reference without its `-R<n>` (re-sent after a rejection) suffix.
    static func baseReference(_ reference: String) -> String {
        guard let range = reference.range(of: #"-R[0-9]+$"#, options: .regularExpression) else { return reference }
        return String(reference[..<range.lowerBound])
    }

    /// A reference without its `-F<n>` (one order per fulfilment) suffix.
    static func withoutFulfilment(_ reference: String) -> String {
        guard let range = reference.range(of: #"-F[0-9]+$"#, options: .regularExpression) else { return reference }
        return String(reference[..<range.lowerBound])
    }

    static func writes(_ stats: Cin7SimulatorStats, _ task: String) -> Int {
        stats.fulfilmentWrites[task]?.filter { $0.key.hasPrefix("POST") }.values.reduce(0, +) ?? 0
    }

    /// The warehouse order against the sale: warehouse, stock lines and quantities, delivery company and contact.
    static func contentProblems(
        _ order: PlatformOrder,
        unit: ShipmentUnit,
        _ expectation: Expectation,
        config: IntegrationConfig,
        bed: EngineBed
    ) -> [String] {
        var problems: [String] = []
        let options = config.orderCreation
        let top = expectation.location.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? expectation.location
        let ref =
            options.locationMappings.first { $0.locationName.caseInsensitiveCompare(top) == .orderedSame }?.warehouse ?? options.defaultWarehouse
        let warehouseID = ref?.id ?? ref?.name.flatMap { bed.warehouseID(named: $0) }
        // Starshipit has no warehouses (the account is one): nothing to compare.
        if bed.platform != .starshipit, order.warehouseID != warehouseID {
            problems.append(
                "\(unit.reference): in warehouse \(order.warehouseID.map(bed.warehouseName(id:)) ?? "none"), expected \(warehouseID.map(bed.warehouseName(id:)) ?? "none")"
            )
        }
        var source = expectation.lines
        if unit.fulfilmentNumber > 0, let advanced = expectation.advanced, unit.fulfilmentNumber <= advanced.count {
            source = advanced[unit.fulfilmentNumber - 1]
        }
        var expected: [String: Double] = [:]
        for line in source where !line.dropShip && line.quantity > 0 && !bed.serviceSKUs.contains(line.sku.uppercased()) {
            expected[line.sku, default: 0] += line.quantity
        }
        var actual: [String: Double] = [:]
        for line in order.lines { actual[line.sku, default: 0] += line.quantity }
        if actual != expected {
            problems.append("\(unit.reference): items \(describe(actual)), the sale has \(describe(expected))")
        }
        let company = options.contactAsCompany ? expectation.contact : expectation.company
        if order.company != company {
            problems.append("\(unit.reference): deliver to company \(order.company ?? "none"), expected \(company)")
        }
        if order.contact != expectation.contact {
            problems.append("\(unit.reference): deliver to contact \(order.contact ?? "none"), expected \(expectation.contact)")
        }
        return problems
    }

    static func describe(_ lines: [String: Double]) -> String {
        lines.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value.formatted())" }.joined(separator: ", ")
    }
}
