import Foundation

/// Decides, from configuration alone, whether a sale goes to the warehouse, to which warehouse, and as how many
/// units — or why it is skipped. Pure: the same inputs always give the same decision.
public struct Router: Sendable {
    public var options: IntegrationConfig.OrderCreation
    public var locations: LocationIndex
    /// SKUs of service and non-inventory products (uppercased): never sent to a warehouse.
    public var serviceSKUs: Set<String>

    public init(options: IntegrationConfig.OrderCreation, locations: LocationIndex, serviceSKUs: Set<String> = []) {
        self.options = options
        self.locations = locations
        self.serviceSKUs = serviceSKUs
    }

    /// Why a sale is skipped, with a stable code for grouping and re-evaluation.
    public struct Skip: Sendable, Equatable, Error {
        public var code: ReasonCode
        public var reason: String
    }

    /// A unit to create for a routed sale.
    public struct PlannedUnit: Sendable, Equatable {
        /// 0 for the whole sale, else the fulfilment number.
        public var fulfilmentNumber: Int
        /// Cin7 task ids whose pick/pack/ship the unit writes back.
        public var taskIDs: [String]
        public var reference: String
        public var warehouse: IntegrationConfig.WarehouseRef
        public var lines: [SaleInfo.Line]
        public var location: String
        /// Set for a fulfilment that is not ready yet (its pick is empty): the unit is recorded as waiting, and is
        /// sent when the sale changes and the pick lists lines.
        public var waiting: Skip? = nil
    }

    /// The skip decision a sale-list row already allows, so skipped sales cost no read.
    public func precheck(_ summary: SaleSummary) -> Skip? {
        if summary.isService { return Skip(code: .serviceSale, reason: "Service sale: nothing to ship.") }
        if let skip = statusSkip(status: summary.status, voided: summary.isVoided) { return skip }
        if summary.alreadyShipped { return alreadyShipped }
        if let updated = summary.updated, updated < options.goLive.date { return beforeGoLive }
        if let id = summary.locationID, let top = locations.topLevel(ofID: id), warehouse(forTopLevel: top) == nil {
            return unmapped(top.name)
        }
        return nil
    }

    /// Routes a full sale into units, or says why it is skipped.
    public func route(_ sale: SaleInfo) -> Result<[PlannedUnit], Skip> {
        if sale.isService { return .failure(Skip(code: .serviceSale, reason: "Service sale: nothing to ship.")) }
        if let skip = statusSkip(status: sale.status, voided: sale.isVoided) { return .failure(skip) }
        if sale.alreadyShipped { return .failure(alreadyShipped) }
        let top = topLevel(of: sale)
        guard let warehouse = warehouse(forTopLevel: top) else { return .failure(unmapped(top?.name ?? sale.location)) }
        let locationName = top?.name ?? sale.location

        // Voided fulfilments are never planned, written or counted. A sale's tasks are its fulfilments' TaskIDs, never
        // its SaleID (only a Service Sale's TaskID is its SaleID, cin7-core-api-v2.apib ~L20040, and those are skipped).
        let active = sale.activeFulfilments
        guard !active.isEmpty else { return .failure(noFulfilment(sale)) }

        if options.oneOrderPerFulfilment, sale.isAdvanced {
            let units = active.compactMap { fulfilment -> PlannedUnit? in
                guard !["AUTHORISED", "PARTIALLY AUTHORISED"].contains(fulfilment.shipStatus) else { return nil }
                var unit = PlannedUnit(
                    fulfilmentNumber: fulfilment.number,
                    taskIDs: [fulfilment.taskID],
                    reference: reference(for: sale, fulfilment: fulfilment.number),
                    warehouse: warehouse,
                    lines: OrderMapper.stockLines(fulfilment.lines, serviceSKUs: serviceSKUs),
                    location: locationName
                )
                if fulfilment.isAwaitingPick {
                    unit.waiting = emptyPick(fulfilment)
                } else if unit.lines.isEmpty {
                    return nil
                }
                return unit
            }
            // Nothing ready: the sale waits as a whole (or has nothing to ship).
            if let waiting = units.first?.waiting, units.allSatisfy({ $0.waiting != nil }) { return .failure(waiting) }
            return units.isEmpty ? .failure(noStockLines) : .success(units)
        }
        let lines = OrderMapper.stockLines(sale.lines, serviceSKUs: serviceSKUs)
        guard !lines.isEmpty else { return .failure(noStockLines) }
        let taskIDs = active.map(\.taskID)
        return .success([
            PlannedUnit(
                fulfilmentNumber: 0,
                taskIDs: taskIDs,
                reference: reference(for: sale, fulfilment: nil),
                warehouse: warehouse,
                lines: lines,
                location: locationName
            )
        ])
    }

    /// The warehouse for a top-level location: its mapping, else the default, else none.
    public func warehouse(forTopLevel location: LocationIndex.Entry?) -> IntegrationConfig.WarehouseRef? {
        if let location,
            let mapping = options.locationMappings.first(where: {
                $0.locationID == location.id || $0.locationName.caseInsensitiveCompare(location.name) == .orderedSame
            }), !mapping.warehouse.isEmpty
        {
            return mapping.warehouse
        }
        if let fallback = options.defaultWarehouse, !fallback.isEmpty { return fallback }
        return nil
    }

    /// The deterministic warehouse reference: prefix + Cin7 order number (+ `-F<n>` per fulfilment).
    public func reference(for sale: SaleInfo, fulfilment: Int?) -> String {
        options.referencePrefix + sale.orderNumber + (fulfilment.map { "-F\($0)" } ?? "")
    }

    private func topLevel(of sale: SaleInfo) -> LocationIndex.Entry? {
        if let id = sale.locationID, let top = locations.topLevel(ofID: id) { return top }
        return locations.topLevel(ofName: sale.location)
    }

    private func statusSkip(status: String, voided: Bool) -> Skip? {
        if voided { return Skip(code: .voided, reason: "Voided in Cin7 before it was sent to the warehouse.") }
        let wanted = options.statusesToImport.map { $0.uppercased() }
        guard wanted.contains(status) else {
            return Skip(
                code: .status,
                reason: "Status \(status) is not imported (importing \(wanted.joined(separator: ", "))). It is looked at again when the sale changes."
            )
        }
        return nil
    }

    private var alreadyShipped: Skip {
        Skip(code: .alreadyShipped, reason: "Already shipped or tracked in Cin7, so the warehouse is not asked to ship it again.")
    }

    private var beforeGoLive: Skip {
        Skip(code: .beforeGoLive, reason: "Last changed before this integration's go-live point.")
    }

    private var noStockLines: Skip {
        Skip(code: .noStockLines, reason: "No stock lines to ship (only services, drop-ship lines or charges).")
    }

    private func noFulfilment(_ sale: SaleInfo) -> Skip {
        let what = sale.fulfilments.isEmpty ? "has no fulfilment yet" : "has only voided fulfilments"
        return Skip(
            code: .awaitingFulfilment,
            reason:
                "Waiting for Cin7: the sale \(what), so there is no task to write pick, pack and ship to. It is sent when a fulfilment is added in Cin7."
        )
    }

    private func emptyPick(_ fulfilment: SaleInfo.Fulfilment) -> Skip {
        Skip(
            code: .awaitingFulfilment,
            reason:
                "Waiting for Cin7: fulfilment \(fulfilment.number) has an empty draft pick, so it is not known what it ships. It is sent when its pick lists lines in Cin7."
        )
    }

    private func unmapped(_ location: String) -> Skip {
        Skip(
            code: .unmappedLocation,
            reason:
                "Location \"\(location)\" is not mapped to a warehouse and there is no default warehouse. Map it in Reconfigure → Order creation, then re-evaluate skipped sales."
        )
    }
}
