import Foundation

/// Everything the simulated account holds, and every rule it enforces. Mutated only inside `Cin7Simulator`'s lock.
struct Cin7SimState {
    var config: Cin7SimulatorConfiguration
    var generator: SplitMix64
    var locations: [SimLocation] = []
    var products: [SimProduct] = []
    var customers: [SimCustomer] = []
    var carriers: [SimCarrier] = []
    var sales: [String: SimSale] = [:]
    var saleOrder: [String] = []
    var taskIndex: [String: String] = [:]
    var webhooks: [SimWebhook] = []
    var nextOrderNumber = 1
    var lastStamp = Date(timeIntervalSince1970: 0)
    var arrivals: [String: [Date]] = [:]
    var stats = Cin7SimulatorStats()

    init(config: Cin7SimulatorConfiguration) {
        self.config = config
        generator = SplitMix64(seed: config.seed)
    }

    // MARK: - Helpers

    mutating func newID() -> String {
        let a = generator.next(), b = generator.next()
        let hex = String(format: "%016llx%016llx", a, b)
        let c = Array(hex)
        // Version-4 style layout.
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
    }

    /// A strictly increasing "now", so every change moves `Updated` forward.
    mutating func stamp() -> Date {
        let now = Date()
        lastStamp = max(now, lastStamp.addingTimeInterval(0.000_1))
        return lastStamp
    }

    mutating func touch(_ saleID: String) {
        let now = stamp()
        sales[saleID]?.updated = now
    }

    func location(named name: String) -> SimLocation? {
        locations.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    func product(sku: String) -> SimProduct? {
        products.first { $0.sku.caseInsensitiveCompare(sku) == .orderedSame }
    }

    mutating func ensureCustomer(_ name: String) -> SimCustomer {
        if let existing = customers.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) { return existing }
        let customer = SimCustomer(id: newID(), name: name, updated: stamp())
        customers.append(customer)
        return customer
    }

    mutating func ensureCarrier(_ description: String) -> SimCarrier {
        if let existing = carriers.first(where: { $0.description.caseInsensitiveCompare(description) == .orderedSame }) { return existing }
        let carrier = SimCarrier(id: newID(), description: description)
        carriers.append(carrier)
        return carrier
    }

    mutating func ensureProduct(_ sku: String) -> SimProduct {
        if let existing = product(sku: sku) { return existing }
        let product = SimProduct(id: newID(), sku: sku, name: sku, type: "Stock", updated: stamp())
        products.append(product)
        return product
    }

    // MARK: - Control

    mutating func createSale(_ draft: SimSaleDraft) -> SimSaleRef {
        let id = newID()
        let number = String(format: "SO-%05d", nextOrderNumber)
        nextOrderNumber += 1
        let customer = ensureCustomer(draft.customer)
        for line in draft.lines { _ = ensureProduct(line.sku) }
        let location = self.location(named: draft.location) ?? {
            let created = SimLocation(id: newID(), name: draft.location, parentID: nil)
            locations.append(created)
            return created
        }()
        let now = stamp()
        let sale = SimSale(
            id: id, orderNumber: number, customer: customer, locationName: location.name, locationID: location.id,
            lines: draft.lines, additionalCharges: draft.additionalCharges, address: draft.shippingAddress, phone: draft.phone,
            email: draft.email, shippingNotes: draft.shippingNotes, memo: draft.memo, customerReference: draft.customerReference,
            shipBy: draft.shipBy, saleOrderDate: SimDates.isoDay(now), advanced: draft.advancedFulfilments != nil,
            advancedPlan: draft.advancedFulfilments, backordered: draft.backordered, externalID: draft.externalID,
            created: now, updated: now)
        sales[id] = sale
        saleOrder.append(id)
        return SimSaleRef(saleID: id, orderNumber: number)
    }

    /// Lines a fulfilment picks by default: stock lines that are not drop-shipped.
    func stockLines(_ lines: [SimLine]) -> [SimLine] {
        lines.filter { line in
            !line.dropShip && (product(sku: line.sku)?.type.caseInsensitiveCompare("Stock") ?? .orderedSame) == .orderedSame
        }
    }

    mutating func authorise(_ saleID: String) {
        guard var sale = sales[saleID], !sale.voided, sale.orderStatus != "AUTHORISED" else { return }
        sale.orderStatus = "AUTHORISED"
        if let plan = sale.advancedPlan {
            sale.fulfilments = plan.enumerated().map { index, lines in
                SimFulfilment(taskID: newID(), number: index + 1, planned: stockLines(lines))
            }
        } else {
            sale.fulfilments = [SimFulfilment(taskID: sale.id, number: 1, planned: stockLines(sale.lines))]
        }
        for f in sale.fulfilments { taskIndex[f.taskID] = saleID }
        sales[saleID] = sale
        touch(saleID)
    }

    mutating func void(_ saleID: String) {
        guard var sale = sales[saleID] else { return }
        sale.voided = true
        sale.orderStatus = "VOIDED"
        for index in sale.fulfilments.indices {
            sale.fulfilments[index].pickStatus = "VOIDED"
            sale.fulfilments[index].packStatus = "VOIDED"
            sale.fulfilments[index].shipStatus = "VOIDED"
        }
        sales[saleID] = sale
        touch(saleID)
    }

    mutating func edit(_ saleID: String, lines: [SimLine]?, address: SimAddress?) {
        guard sales[saleID] != nil else { return }
        if let lines {
            for line in lines { _ = ensureProduct(line.sku) }
            sales[saleID]?.lines = lines
        }
        if let address { sales[saleID]?.address = address }
        touch(saleID)
    }

    mutating func shipViaUI(_ saleID: String, carrier: String, tracking: String) {
        guard var sale = sales[saleID], sale.orderStatus == "AUTHORISED" else { return }
        let carrierName = ensureCarrier(carrier).description
        let today = SimDates.isoDay(stamp())
        for index in sale.fulfilments.indices where !sale.fulfilments[index].voided {
            var f = sale.fulfilments[index]
            let lines = taskLines(for: f.planned, sale: sale)
            if f.pickStatus != "AUTHORISED" { f.pickLines = lines; f.pickStatus = "AUTHORISED" }
            if f.packStatus != "AUTHORISED" { f.packLines = lines.map { var l = $0; l.box = "Box 1"; return l }; f.packStatus = "AUTHORISED" }
            if f.shipStatus != "AUTHORISED" {
                f.shipLines = [SimShipLine(id: newID(), shipmentDate: today, carrier: carrierName, box: "Box 1",
                                           trackingNumber: tracking, trackingURL: "", isShipped: true)]
                f.shipStatus = "AUTHORISED"
            }
            sale.fulfilments[index] = f
        }
        sales[saleID] = sale
        touch(saleID)
    }

    func taskLines(for planned: [SimLine], sale: SimSale) -> [SimTaskLine] {
        planned.map { line in
            let product = self.product(sku: line.sku)
            return SimTaskLine(productID: product?.id ?? "", sku: product?.sku ?? line.sku, name: product?.name ?? line.sku,
                               location: sale.locationName, locationID: sale.locationID, quantity: line.quantity, box: nil, batchSN: nil)
        }
    }

    /// What is left of the order to fulfil (for a fulfilment added through the API).
    func remainingLines(_ sale: SimSale) -> [SimLine] {
        var remaining: [String: Double] = [:]
        for line in stockLines(sale.lines) { remaining[line.sku.lowercased(), default: 0] += line.quantity }
        for f in sale.active {
            let lines: [(String, Double)] = f.pickStatus == "AUTHORISED" ? f.pickLines.map { ($0.sku, $0.quantity) } : f.planned.map { ($0.sku, $0.quantity) }
            for (sku, quantity) in lines { remaining[sku.lowercased(), default: 0] -= quantity }
        }
        return stockLines(sale.lines).compactMap { line in
            let left = remaining[line.sku.lowercased()] ?? 0
            guard left > 0 else { return nil }
            remaining[line.sku.lowercased()] = 0
            return SimLine(sku: line.sku, quantity: left)
        }
    }
}
