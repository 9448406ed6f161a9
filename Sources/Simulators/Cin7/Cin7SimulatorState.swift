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
        let a = generator.next()
        let b = generator.next()
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
        let location =
            self.location(named: draft.location)
            ?? {
                let created = SimLocation(id: newID(), name: draft.location, parentID: nil)
                locations.append(created)
                return created
            }()
        let now = stamp()
        let sale = SimSale(
            id: id,
            orderNumber: number,
            customer: customer,
            locationName: location.name,
            locationID: location.id,
            lines: draft.lines,
            additionalCharges: draft.additionalCharges,
            address: draft.shippingAddress,
            phone: draft.phone,
            email: draft.email,
            shippingNotes: draft.shippingNotes,
            memo: draft.memo,
            customerReference: draft.customerReference,
            shipBy: draft.shipBy,
            saleOrderDate: SimDates.isoDay(now),
            advanced: draft.advancedFulfilments != nil,
            advancedPlan: draft.advancedFulfilments,
            backordered: draft.backordered,
            externalID: draft.externalID,
            created: now,
            updated: now
        )
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
            // Only a Service Sale's TaskID is documented as its SaleID (cin7-core-api-v2.apib ~L20040).
            let taskID = config.simpleSaleTaskIDIsSaleID ? sale.id : newID()
            sale.fulfilments = [SimFulfilment(taskID: taskID, number: 1, planned: stockLines(sale.lines))]
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

    /// What `POST sale/fulfilment` does: a new fulfilment for the rest of the order, its draft pick empty
    /// (cin7-core-api-v2.apib ~L23230). Refused while another fulfilment's pick is not authorised.
    mutating func newFulfilment(_ saleID: String) throws -> SimFulfilment {
        guard var sale = sales[saleID] else { throw SimError.notFound("Sale with ID = \(saleID) not found.") }
        guard !sale.voided, sale.orderStatus == "AUTHORISED" else { throw SimError.bad("Order status is not AUTHORISED.") }
        guard sale.active.allSatisfy({ $0.pickStatus == "AUTHORISED" }) else {
            throw SimError.bad("New Fulfilment cannot be created while there is a fulfilment with non AUTHORISED Pick.")
        }
        var f = SimFulfilment(taskID: newID(), number: sale.fulfilments.count + 1, planned: remainingLines(sale))
        f.emptyDraftPick = true
        sale.fulfilments.append(f)
        sale.advanced = true
        taskIndex[f.taskID] = sale.id
        sales[sale.id] = sale
        touch(sale.id)
        return f
    }

    /// A person enters the draft pick of an empty fulfilment (the lines it was created for), as Cin7's UI does.
    mutating func fillDraftPick(_ taskID: String) {
        guard let saleID = taskIndex[taskID], var sale = sales[saleID],
            let index = sale.fulfilments.firstIndex(where: { $0.taskID == taskID }), sale.fulfilments[index].pickStatus == "DRAFT"
        else { return }
        sale.fulfilments[index].pickLines = taskLines(for: sale.fulfilments[index].planned, sale: sale)
        sale.fulfilments[index].emptyDraftPick = false
        sales[saleID] = sale
        touch(saleID)
    }

    /// What `DELETE sale/fulfilment?TaskID=&Void=true` does (cin7-core-api-v2.apib ~L23271): Advanced Sales only; the
    /// fulfilment stays in `Fulfilments` with Pick, Pack and Ship `VOIDED` (~L23330–23345).
    mutating func voidFulfilment(_ taskID: String) throws -> SimSale {
        guard let saleID = taskIndex[taskID], var sale = sales[saleID],
            let index = sale.fulfilments.firstIndex(where: { $0.taskID == taskID })
        else { throw SimError.notFound("Sale task with TaskID = \(taskID) not found.") }
        guard sale.advanced else { throw SimError.bad("This method works only for Sales with Type = Advanced Sale.") }
        guard !sale.fulfilments[index].voided else { throw SimError.bad("Fulfilment is already VOIDED.") }
        guard sale.fulfilments[index].shipStatus != "AUTHORISED" else { throw SimError.bad("Fulfilment with authorised shipment cannot be voided.") }
        sale.fulfilments[index].voided = true
        sale.fulfilments[index].pickStatus = "VOIDED"
        sale.fulfilments[index].packStatus = "VOIDED"
        sale.fulfilments[index].shipStatus = "VOIDED"
        sales[saleID] = sale
        touch(saleID)
        return sales[saleID]!
    }

    /// Another API application using the same key made `count` calls now (Cin7 counts 60 calls per 60 s per API
    /// application, cin7-core-api-v2.apib ~L124): they use up this key's quota like ours.
    mutating func spendQuota(_ count: Int) {
        arrivals[config.applicationKey.lowercased(), default: []].append(contentsOf: Array(repeating: Date(), count: max(0, count)))
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
            if f.pickStatus != "AUTHORISED" {
                f.pickLines = lines
                f.pickStatus = "AUTHORISED"
            }
            if f.packStatus != "AUTHORISED" {
                f.packLines = lines.map {
                    var l = $0
                    l.box = "Box 1"
                    return l
                }
                f.packStatus = "AUTHORISED"
            }
            if f.shipStatus != "AUTHORISED" {
                f.shipLines = [
                    SimShipLine(
                        id: newID(),
                        shipmentDate: today,
                        carrier: carrierName,
                        box: "Box 1",
                        trackingNumber: tracking,
                        trackingURL: "",
                        isShipped: true
                    )
                ]
                f.shipStatus = "AUTHORISED"
            }
            sale.fulfilments[index] = f
        }
        sales[saleID] = sale
        touch(saleID)
    }

    /// A person picked and packed every open fulfilment in Cin7 itself, spreading the lines over `boxes`.
    mutating func packViaUI(_ saleID: String, boxes: [String]) {
        guard var sale = sales[saleID], sale.orderStatus == "AUTHORISED", !boxes.isEmpty else { return }
        for index in sale.fulfilments.indices where !sale.fulfilments[index].voided {
            var f = sale.fulfilments[index]
            let lines = f.pickLines.isEmpty ? taskLines(for: f.planned, sale: sale) : f.pickLines
            if f.pickStatus != "AUTHORISED" {
                f.pickLines = lines
                f.pickStatus = "AUTHORISED"
                f.emptyDraftPick = false
            }
            if f.packStatus != "AUTHORISED" {
                f.packLines = lines.enumerated().map { offset, line in
                    var l = line
                    l.box = boxes[offset % boxes.count]
                    return l
                }
                f.packStatus = "AUTHORISED"
                f.shipStatus = "DRAFT"
            }
            sale.fulfilments[index] = f
        }
        sales[saleID] = sale
        touch(saleID)
    }

    func taskLines(for planned: [SimLine], sale: SimSale) -> [SimTaskLine] {
        planned.map { line in
            let product = self.product(sku: line.sku)
            return SimTaskLine(
                productID: product?.id ?? "",
                sku: product?.sku ?? line.sku,
                name: product?.name ?? line.sku,
                location: sale.locationName,
                locationID: sale.locationID,
                quantity: line.quantity,
                box: nil,
                batchSN: nil
            )
        }
    }

    /// What is left of the order to fulfil (for a fulfilment added through the API).
    func remainingLines(_ sale: SimSale) -> [SimLine] {
        var remaining: [String: Double] = [:]
        for line in stockLines(sale.lines) { remaining[line.sku.lowercased(), default: 0] += line.quantity }
        for f in sale.active {
            let lines: [(String, Double)] =
                f.pickStatus == "AUTHORISED" ? f.pickLines.map { ($0.sku, $0.quantity) } : f.planned.map { ($0.sku, $0.quantity) }
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
