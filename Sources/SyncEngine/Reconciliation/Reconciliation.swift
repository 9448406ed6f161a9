import Foundation

/// The pure comparison behind `cin7bridge reconcile`: Cin7's sales over a window (with their shipping state, as
/// the sale list gives it), the bridge's units, and the warehouse's orders changed in the window. The same inputs
/// always give the same findings; gathering them is `Reconciler`'s job.
public struct Reconciliation: Sendable {
    /// What the integration's configuration says about which sales should go and how long a state may last.
    public struct Options: Sendable, Equatable {
        /// Cin7 sale statuses the integration takes in (uppercased).
        public var statusesToImport: [String]
        /// Sales last changed before this were never meant to go.
        public var goLive: Date
        /// A unit in a flowing state longer than this is stuck (`limits.stuckAfter`).
        public var stuckAfter: TimeInterval
        /// Changes younger than this are not judged yet: the engine may simply not have polled since.
        public var settle: TimeInterval

        public init(statusesToImport: [String], goLive: Date, stuckAfter: TimeInterval, settle: TimeInterval = Reconciliation.defaultSettle) {
            self.statusesToImport = statusesToImport.map { $0.uppercased() }
            self.goLive = goLive
            self.stuckAfter = stuckAfter
            self.settle = settle
        }

        public init(_ config: IntegrationConfig, settle: TimeInterval = Reconciliation.defaultSettle) {
            self.init(
                statusesToImport: config.orderCreation.statusesToImport,
                goLive: config.orderCreation.goLive.date,
                stuckAfter: config.limits.stuckAfter,
                settle: settle
            )
        }
    }

    /// How long a change is left to the engine before it is judged: ten minutes.
    public static let defaultSettle: TimeInterval = 600

    /// States the engine moves through on its own; waiting in one longer than `stuckAfter` is stuck (the same set
    /// `status --check` watches).
    public static let flowingStates: Set<ShipmentState> = [.pending, .creating, .dispatched, .writingBack, .retrying]

    public var options: Options
    public var since: Date
    public var now: Date
    /// Cin7 sales changed in the window.
    public var sales: [SaleSummary]
    /// The integration's units that were created or changed in the window, or are not settled.
    public var units: [ShipmentUnit]
    /// Warehouse orders changed in the window, live or not.
    public var warehouseOrders: [WarehouseOrder]

    public init(options: Options, since: Date, now: Date, sales: [SaleSummary], units: [ShipmentUnit], warehouseOrders: [WarehouseOrder]) {
        self.options = options
        self.since = since
        self.now = now
        self.sales = sales
        self.units = units
        self.warehouseOrders = warehouseOrders
    }

    /// Every discrepancy, grouped by kind in `Finding.Kind` order, then by order number.
    public func findings() -> [ReconciliationReport.Finding] {
        let live = Dictionary(grouping: warehouseOrders.filter(Self.isLive)) { Self.baseReference($0.reference) }
        let unitsBySale = Dictionary(grouping: units, by: \.saleID)
        let salesByID = Dictionary(sales.map { ($0.saleID, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [ReconciliationReport.Finding] = []
        found += missing(live: live, unitsBySale: unitsBySale)
        found += duplicated(live: live)
        found += shippedNotInCin7(live: live, salesByID: salesByID)
        found += shippedInCin7ByOthers(live: live, unitsBySale: unitsBySale)
        found += stuck()
        let order = Dictionary(uniqueKeysWithValues: ReconciliationReport.Finding.Kind.allCases.enumerated().map { ($1, $0) })
        return found.sorted {
            (order[$0.kind] ?? 0, $0.orderNumber, $0.reference ?? "") < (order[$1.kind] ?? 0, $1.orderNumber, $1.reference ?? "")
        }
    }

    /// An order that may still ship: not rejected, not cancelled or deleted.
    static func isLive(_ order: WarehouseOrder) -> Bool { order.status != .rejected && order.status != .cancelled }

    /// The unit's reference an order carries: `-R<n>` (a re-creation after a rejected order) is the same unit.
    static func baseReference(_ reference: String) -> String {
        guard let range = reference.range(of: #"-R[0-9]+$"#, options: .regularExpression) else { return reference }
        return String(reference[..<range.lowerBound])
    }

    /// Older than the settle time (unknown times count as old).
    private func settled(_ date: Date?) -> Bool { (date ?? .distantPast) <= now.addingTimeInterval(-options.settle) }

    private func shouldGo(_ sale: SaleSummary) -> Bool {
        !sale.isService && !sale.isVoided && options.statusesToImport.contains(sale.status) && !sale.alreadyShipped
            && (sale.updated ?? now) >= options.goLive
    }

    private func missing(live: [String: [WarehouseOrder]], unitsBySale: [String: [ShipmentUnit]]) -> [ReconciliationReport.Finding] {
        var found: [ReconciliationReport.Finding] = []
        for sale in sales where shouldGo(sale) && settled(sale.updated) && (unitsBySale[sale.saleID] ?? []).isEmpty {
            found.append(
                .init(
                    kind: .missing,
                    orderNumber: sale.orderNumber,
                    saleID: sale.saleID,
                    detail:
                        "Cin7 sale \(sale.orderNumber) is \(sale.status) and not shipped, but the bridge has no record of it and so sent nothing.",
                    advice:
                        "Check that `cin7bridge run` is running and polling Cin7; to send it, move the go-live point back before the sale's last change (the bridge lists sales from there again), or enter the order in the warehouse by hand."
                )
            )
        }
        // The bridge thinks the order is in the warehouse, the warehouse lists nothing live for it.
        for unit in units
        where unit.state == .inWarehouse && unit.createdAt >= since && settled(unit.stateChangedAt) && live[Self.baseReference(unit.reference)] == nil
        {
            found.append(
                .init(
                    .missing,
                    unit: unit,
                    warehouseOrderIDs: unit.warehouseOrderID.map { [$0] } ?? [],
                    detail:
                        "Order \(unit.reference) is in the warehouse as far as the bridge knows, but the warehouse lists no live order with that reference.",
                    advice:
                        "Look for the order in the warehouse. If it was deleted there, the bridge marks it as needing attention when it next reads it; then retry it (`cin7bridge retry \(unit.orderNumber)`) to send it again, or skip it with a note if it should not ship."
                )
            )
        }
        return found
    }

    private func duplicated(live: [String: [WarehouseOrder]]) -> [ReconciliationReport.Finding] {
        let unitsByReference = Dictionary(units.map { (Self.baseReference($0.reference), $0) }, uniquingKeysWith: { first, _ in first })
        return live.filter { $0.value.count > 1 }.map { reference, orders -> ReconciliationReport.Finding in
            let unit = unitsByReference[reference]
            let ids = orders.map(\.id).sorted()
            let keep = unit?.warehouseOrderID.flatMap { tracked in ids.contains(tracked) ? tracked : nil }
            let others = ids.filter { $0 != keep }
            return .init(
                kind: .duplicated,
                orderNumber: unit?.orderNumber ?? reference,
                saleID: unit?.saleID,
                unitID: unit?.id,
                reference: reference,
                unitState: unit?.state,
                warehouseOrderIDs: ids,
                detail:
                    "\(orders.count) live warehouse orders carry reference \(reference) (\(ids.joined(separator: ", "))): it may ship more than once.",
                advice: keep.map {
                    "Cancel \(others.joined(separator: ", ")) in the warehouse before it is picked; the bridge follows \($0)."
                } ?? "Cancel all but one of them in the warehouse before they are picked."
            )
        }
    }

    private func shippedNotInCin7(live: [String: [WarehouseOrder]], salesByID: [String: SaleSummary]) -> [ReconciliationReport.Finding] {
        let onTheWay: Set<ShipmentState> = [.dispatched, .writingBack, .retrying]
        var found: [ReconciliationReport.Finding] = []
        for unit in units where !onTheWay.contains(unit.state) {
            guard let dispatched = live[Self.baseReference(unit.reference)]?.first(where: { $0.status == .dispatched }),
                settled(dispatched.dispatchedAt ?? dispatched.modifiedAt)
            else { continue }
            // A completed unit whose sale did not change in the window was written before it; nothing to judge.
            let sale = salesByID[unit.saleID]
            if sale == nil && unit.state == .completed { continue }
            if let sale, sale.alreadyShipped || sale.isVoided { continue }
            found.append(
                .init(
                    .shippedNotInCin7,
                    unit: unit,
                    warehouseOrderIDs: [dispatched.id],
                    detail:
                        "The warehouse dispatched \(unit.reference) (order \(dispatched.id)) but Cin7 sale \(unit.orderNumber) is not shipped; the bridge has it as \(unit.state.label).",
                    advice: Self.shippedNotInCin7Advice(unit)
                )
            )
        }
        return found
    }

    private func shippedInCin7ByOthers(live: [String: [WarehouseOrder]], unitsBySale: [String: [ShipmentUnit]]) -> [ReconciliationReport.Finding] {
        let inFlight: Set<ShipmentState> = [.pending, .creating, .inWarehouse, .retrying]
        var found: [ReconciliationReport.Finding] = []
        for sale in sales where sale.alreadyShipped && settled(sale.updated) {
            for unit in unitsBySale[sale.saleID] ?? [] where inFlight.contains(unit.state) && unit.writebackDone == 0 {
                let orders = live[Self.baseReference(unit.reference)] ?? []
                if orders.contains(where: { $0.status == .dispatched }) { continue }
                let ids = orders.map(\.id).sorted()
                found.append(
                    .init(
                        .shippedInCin7ByOthers,
                        unit: unit,
                        warehouseOrderIDs: ids,
                        detail:
                            "Cin7 sale \(sale.orderNumber) is \(sale.combinedShippingStatus.isEmpty ? "tracked" : sale.combinedShippingStatus) by someone else while \(unit.reference) is \(unit.state.label) in the bridge.",
                        advice: Self.skippable.contains(unit.state)
                            ? "Skip the order with a note (`cin7bridge skip \(unit.orderNumber) --note …`) so it is not sent as well."
                            : "Cancel warehouse order \(ids.isEmpty ? "the bridge follows" : ids.joined(separator: ", ")) so it does not ship twice; the bridge then marks the order as needing attention, where you skip it with a note."
                    )
                )
            }
        }
        return found
    }

    /// States an operator may skip from (`ShipmentUnit.skippableStates`).
    static let skippable: Set<ShipmentState> = ShipmentUnit.skippableStates

    /// What to do about a dispatch Cin7 did not get, by where the bridge has the unit.
    static func shippedNotInCin7Advice(_ unit: ShipmentUnit) -> String {
        switch unit.state {
        case .needsAttention:
            "Resolve what the order needs (its reason says what), then retry it (`cin7bridge retry \(unit.orderNumber)`) so the shipment is written to Cin7."
        case .inWarehouse:
            "The bridge writes it when it next sees the dispatch: check that `cin7bridge run` is running and the warehouse answers (`cin7bridge status --check`); if it stays, ship the sale in Cin7 by hand."
        case .completed:
            "The bridge wrote this shipment, yet Cin7 does not show it shipped: open the sale's fulfilment in Cin7 and ship it by hand if it was undone."
        default:
            "The bridge was not sending this order, yet the warehouse shipped it: ship the sale in Cin7 by hand so stock and invoicing agree."
        }
    }

    private func stuck() -> [ReconciliationReport.Finding] {
        units.filter { Self.flowingStates.contains($0.state) && now.timeIntervalSince($0.stateChangedAt) > options.stuckAfter }.map {
            unit -> ReconciliationReport.Finding in
            let minutes = Int(now.timeIntervalSince(unit.stateChangedAt) / 60)
            let advice: String =
                switch unit.state {
                case .pending, .creating:
                    "Check the warehouse connection and the create budget on the dashboard; the order is sent when the warehouse answers."
                case .dispatched, .writingBack:
                    "Check the Cin7 connection and budget on the dashboard; the shipment is written when Cin7 answers."
                default:
                    "Its last error says why (`cin7bridge orders --state retrying`): fix the cause, or skip it with a note."
                }
            return .init(
                .stuck,
                unit: unit,
                warehouseOrderIDs: unit.warehouseOrderID.map { [$0] } ?? [],
                detail:
                    "\(unit.reference) has been \(unit.state.label) for \(minutes) min (limit \(Int(options.stuckAfter / 60)) min)\(unit.lastError.map { ": \($0)" } ?? "").",
                advice: advice
            )
        }
    }
}
