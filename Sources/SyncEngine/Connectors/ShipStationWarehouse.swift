import BridgeSupport
import Foundation
import ShipStation

/// `Warehouse` over ShipStation V1 (shipstation-api.md): orders upserted by `orderKey` = the unit's reference (so a
/// re-sent create updates the same order, L146), changes by `modifyDateStart` with an overlap (L198, L204), and
/// shipments from one bulk `/shipments` query plus one `/fulfillments` query for orders marked shipped without a
/// label (L227, L251).
public struct ShipStationWarehouse: Warehouse {
    public let client: ShipStationClient
    /// The store orders are created in; nil: ShipStation's first manual store (L138).
    public let storeID: Int?
    /// How far before `since` change polls look again (dates are Pacific and ShipStation's clock is not ours, L98).
    public let changeOverlap: TimeInterval
    /// How far back the shipments query looks for orders whose dispatch time the engine does not know.
    public let trackingLookback: TimeInterval
    /// Carrier codes (`stamps_com`) → the name written to Cin7 (L289 suggests a user-editable table).
    public let carrierNames: [String: String]
    private let clock: any BridgeClock

    public var displayName: String { "ShipStation" }
    public var createBudget: RateGovernor? { client.governor }

    public static let defaultCarrierNames: [String: String] = [
        "stamps_com": "USPS", "usps": "USPS", "endicia": "USPS", "ups": "UPS", "ups_walleted": "UPS", "fedex": "FedEx",
        "fedex_walleted": "FedEx", "dhl_express": "DHL Express", "dhl_express_worldwide": "DHL Express", "canada_post": "Canada Post",
        "australia_post": "Australia Post", "royal_mail": "Royal Mail",
    ]

    public init(
        client: ShipStationClient,
        storeID: Int? = nil,
        changeOverlap: TimeInterval = 3600,
        trackingLookback: TimeInterval = 7 * 86_400,
        carrierNames: [String: String] = ShipStationWarehouse.defaultCarrierNames,
        clock: any BridgeClock = SystemClock()
    ) {
        self.client = client
        self.storeID = storeID
        self.changeOverlap = changeOverlap
        self.trackingLookback = trackingLookback
        self.carrierNames = carrierNames
        self.clock = clock
    }

    // MARK: Connection

    public func testConnection() async -> ConnectionReport {
        let client = self.client.withoutRetries()
        var report = ConnectionReport()
        let warehouses: [ShipFromWarehouse]
        do {
            warehouses = try await client.warehouses(priority: .normal)
            report.checks.append(.init(name: "API key", ok: true, detail: "ShipStation accepted the API key and secret"))
        } catch {
            report.checks.append(.init(name: "API key", ok: false, detail: Self.connectionMessage(error)))
            return report
        }
        if let rate = client.rateLimit {
            let shared = rate.remaining < rate.limit - 1 ? " (other apps may be using this key too)" : ""
            report.checks.append(
                .init(
                    name: "Rate limit",
                    ok: true,
                    detail: "\(rate.limit) calls a minute for this key; \(rate.remaining) left in this minute\(shared)"
                )
            )
        }
        if warehouses.isEmpty {
            report.checks.append(
                .init(
                    name: "Warehouses",
                    ok: false,
                    detail: "ShipStation lists no ship-from warehouse: add one under Settings → Shipping → Ship From Locations."
                )
            )
        } else {
            let names = warehouses.prefix(8).map { "\($0.warehouseName ?? "?") (\($0.warehouseId.map(String.init) ?? "?"))" }.joined(separator: ", ")
            report.checks.append(.init(name: "Warehouses", ok: true, detail: names))
        }
        do {
            let stores = try await client.stores(showInactive: true, priority: .normal)
            if let storeID {
                if let store = stores.first(where: { $0.storeId == storeID }) {
                    let active = store.active == false ? " — inactive in ShipStation" : ""
                    report.checks.append(.init(name: "Store", ok: store.active != false, detail: "\(store.storeName ?? "?") (\(storeID))\(active)"))
                } else {
                    let known = stores.prefix(8).map { "\($0.storeName ?? "?") (\($0.storeId.map(String.init) ?? "?"))" }.joined(separator: ", ")
                    report.checks.append(
                        .init(name: "Store", ok: false, detail: "ShipStation has no store \(storeID). Stores: \(known.isEmpty ? "none" : known).")
                    )
                }
            } else {
                report.checks.append(.init(name: "Store", ok: true, detail: "orders go to ShipStation's first manual store"))
            }
        } catch {
            report.checks.append(.init(name: "Store", ok: false, detail: Self.connectionMessage(error)))
        }
        return report
    }

    /// Plain words for a failed connection check.
    static func connectionMessage(_ error: any Error) -> String {
        switch error as? ShipStationError {
        case .credentialsRejected?:
            "ShipStation rejected the API key and secret: copy them again from ShipStation → Settings → Account → API Settings (use a V1 key pair; V2 keys and keys replaced by “Regenerate” do not work)."
        case .rateLimited(let reset)?:
            "ShipStation is refusing calls for now: this key's 40 calls a minute are used up (other apps may share the key)\(reset.map { "; try again in \($0) s" } ?? "")."
        case let error?: error.userMessage
        case nil: "\(error)"
        }
    }

    // MARK: Orders

    public func createOrder(_ request: WarehouseOrderRequest) async throws -> WarehouseCreateResult {
        do {
            let order = try await orderRequest(request)
            let saved = try await client.createOrUpdateOrder(order)
            // An upsert onto a shipped or cancelled order leaves it unchanged (L153-L154): that order is the one with
            // this reference.
            if !saved.status.isOpen, saved.status != order.orderStatus, !saved.id.isEmpty {
                return .duplicate(existingID: saved.id)
            }
            return .created(Self.order(saved))
        } catch ShipStationError.validation(let messages) {
            // The same lock answered with a 400 instead: adopt the locked order if there is one.
            if let existing = try? await findOrders(reference: request.reference).first, existing.status != .open {
                return .duplicate(existingID: existing.id)
            }
            throw Self.classify(ShipStationError.validation(messages))
        } catch { throw Self.classify(error) }
    }

    /// The ShipStation order for `request`: `orderKey` and `orderNumber` are the unit's reference (unique per sale and
    /// fulfilment); the Cin7 order number goes in `customField1`.
    func orderRequest(_ request: WarehouseOrderRequest) async throws -> OrderRequest {
        var items: [OrderRequest.ItemRequest] = []
        for line in request.lines {
            guard line.quantity == line.quantity.rounded(), line.quantity >= 0 else {
                throw WarehouseError.permanent(
                    code: .rejected,
                    message: "ShipStation takes whole quantities only: \(line.sku) has \(line.quantity). Fix the quantity in Cin7, then retry."
                )
            }
            items.append(.init(sku: line.sku, name: line.name.isEmpty ? line.sku : line.name, quantity: Int(line.quantity)))
        }
        let address = request.address
        let name = address.contactName ?? address.companyName ?? request.cin7OrderNumber
        let city = address.city ?? address.suburb
        let shipTo = OrderRequest.AddressRequest(
            name: name,
            company: address.companyName,
            street1: address.address1,
            street2: address.address2,
            street3: address.city != nil && address.suburb != nil && address.suburb != address.city ? address.suburb : nil,
            city: city,
            state: address.stateCode ?? address.stateName,
            postalCode: address.postcode,
            country: address.countryCode?.uppercased(),
            phone: address.phone
        )
        return OrderRequest(
            orderNumber: request.reference,
            orderKey: request.reference,
            orderDate: PacificDate(clock.now),
            orderStatus: .awaitingShipment,
            customerEmail: address.email,
            customerNotes: request.instructions,
            shipByDate: request.requiredDate.map { $0.isoDate + " 00:00:00" },
            billTo: .init(name: name),
            shipTo: shipTo,
            items: items,
            advancedOptions: .init(
                warehouseId: try await warehouseID(for: request.warehouse),
                storeId: storeID,
                customField1: request.cin7OrderNumber,
                customField2: request.customerReference
            )
        )
    }

    /// The ShipStation `warehouseId` of `ref`: its id when numeric, else the warehouse with that name (L287).
    func warehouseID(for ref: IntegrationConfig.WarehouseRef) async throws -> Int? {
        if let id = ref.id, let number = Int(id) { return number }
        guard let name = ref.name ?? ref.id else { return nil }
        let warehouses = try await client.warehouses(priority: .high)
        if let match = warehouses.first(where: { $0.warehouseName?.caseInsensitiveCompare(name) == .orderedSame }) { return match.warehouseId }
        let known = warehouses.map { "\($0.warehouseName ?? "?") (\($0.warehouseId.map(String.init) ?? "?"))" }.joined(separator: ", ")
        throw WarehouseError.permanent(
            code: .configuration,
            message:
                "ShipStation has no ship-from warehouse “\(name)”. Warehouses: \(known.isEmpty ? "none" : known). Fix the location mapping, then retry."
        )
    }

    /// Orders whose `orderKey` is exactly `reference`, found by the starts-with `orderNumber` search (L186, L193).
    public func findOrders(reference: String) async throws -> [WarehouseOrder] {
        do {
            return try await client.orders(orderKey: reference, orderNumber: reference).map(Self.order)
        } catch { throw Self.classify(error) }
    }

    public func order(id: String) async throws -> WarehouseOrder {
        do {
            guard let number = Int(id) else { throw ShipStationError.notFound("order \(id)") }
            return Self.order(try await client.order(id: number))
        } catch let error as ShipStationError {
            if case .notFound = error {
                // L192, L213: a deleted order answers 404.
                throw WarehouseError.permanent(
                    code: .warehouseOrderNotFound,
                    message:
                        "ShipStation no longer has order \(id): it was deleted in ShipStation. Retry to send the order again, or skip it with a note if it should not ship."
                )
            }
            throw Self.classify(error)
        }
    }

    /// Orders modified since `since` minus `changeOverlap`, sorted by modification (L204), in one paged list.
    public func ordersChanged(since: Date) async throws -> [WarehouseOrder] {
        do {
            let query = OrderQuery(storeId: storeID, modifyDateStart: PacificDate(since.addingTimeInterval(-changeOverlap)), sortBy: "ModifyDate")
            var seen = Set<String>()
            return try await client.orders(query, priority: .background).filter { seen.insert($0.id).inserted }.map(Self.order)
        } catch { throw Self.classify(error) }
    }

    public func shipment(for order: WarehouseOrder) async throws -> WarehouseShipment? {
        guard order.status == .dispatched else { return nil }
        return try await shipments(for: [order])[order.id]
    }

    /// One `/shipments` query over the window covering the orders (never one per order), then — only if some
    /// orders have no live label — one `/fulfillments` query over the same window (L227, L251). Voided labels are
    /// not shipments (L244).
    public func shipments(for orders: [WarehouseOrder]) async throws -> [String: WarehouseShipment] {
        let dispatched = orders.filter { $0.status == .dispatched && Int($0.id) != nil }
        guard !dispatched.isEmpty else { return [:] }
        let ids = Set(dispatched.compactMap { Int($0.id) })
        let known = dispatched.map { $0.dispatchedAt ?? $0.modifiedAt }
        let start: Date =
            known.allSatisfy({ $0 != nil })
            ? known.compactMap { $0 }.min()!.addingTimeInterval(-2 * 86_400) : clock.now.addingTimeInterval(-trackingLookback)
        do {
            let labels = try await client.shipments(ShipmentQuery(createDateStart: PacificDate(start)), priority: .background)
            let live = Dictionary(grouping: labels.filter { $0.isLive && $0.orderId.map(ids.contains) == true }) { $0.orderId ?? 0 }
            // shipstation-api.md L244: a voided label keeps its row; an order whose every label is voided did not ship.
            let voided = Dictionary(grouping: labels.filter { $0.voided == true && $0.orderId.map(ids.contains) == true }) { $0.orderId ?? 0 }
            let unlabelled = dispatched.filter { live[Int($0.id) ?? 0] == nil }
            var marked: [Int: [Fulfillment]] = [:]
            if !unlabelled.isEmpty {
                let rows = try await client.fulfillments(ShipmentQuery(createDateStart: PacificDate(start)), priority: .background)
                marked = Dictionary(grouping: rows.filter { $0.voided != true && $0.orderId.map(ids.contains) == true }) { $0.orderId ?? 0 }
            }
            var result: [String: WarehouseShipment] = [:]
            for order in dispatched {
                let id = Int(order.id) ?? 0
                if let labels = live[id] {
                    result[order.id] = shipment(for: order, labels: labels)
                } else if let rows = marked[id] {
                    result[order.id] = shipment(for: order, fulfillments: rows)
                } else if let gone = voided[id] {
                    var shipment = shipment(for: order, labels: gone)
                    shipment.labelsVoided = true
                    result[order.id] = shipment
                } else {
                    result[order.id] = WarehouseShipment(dispatchedAt: order.dispatchedAt)
                }
            }
            return result
        } catch { throw Self.classify(error) }
    }

    /// Every live label is a package (carrier and tracking each); the first fills the single fields. Quantities per SKU
    /// come from `shipmentItems` when the labels list them (L241).
    func shipment(for order: WarehouseOrder, labels: [Shipment]) -> WarehouseShipment {
        let sorted = labels.sorted {
            ($0.createDate?.date ?? .distantPast, $0.shipmentId ?? 0) < ($1.createDate?.date ?? .distantPast, $1.shipmentId ?? 0)
        }
        let packages = sorted.compactMap { label -> WarehouseShipment.Package? in
            guard let number = label.trackingNumber, !number.isEmpty else { return nil }
            return .init(
                carrier: carrierName(label.carrierCode),
                trackingNumber: number,
                trackingURL: Self.trackingURL(carrierCode: label.carrierCode, number)
            )
        }
        let items = sorted.flatMap { $0.shipmentItems ?? [] }
        var quantities: [String: Double]?
        if !items.isEmpty, items.allSatisfy({ $0.sku != nil && $0.quantity != nil }) {
            quantities = items.reduce(into: [:]) { $0[$1.sku!, default: 0] += Double($1.quantity!) }
        }
        return WarehouseShipment(
            carrier: packages.first?.carrier ?? carrierName(sorted.first?.carrierCode),
            trackingNumber: packages.first?.trackingNumber,
            trackingURL: packages.first?.trackingURL,
            dispatchedAt: sorted.first?.createDate?.date ?? order.dispatchedAt,
            shippedQuantities: quantities,
            packages: packages.count > 1 ? packages : nil
        )
    }

    /// An order marked shipped without a label: its fulfilment's carrier (free text, L250) and tracking.
    func shipment(for order: WarehouseOrder, fulfillments: [Fulfillment]) -> WarehouseShipment {
        let first =
            fulfillments.sorted { ($0.fulfillmentId ?? 0) < ($1.fulfillmentId ?? 0) }.first { !($0.trackingNumber ?? "").isEmpty }
            ?? fulfillments.first
        let number = first?.trackingNumber.flatMap { $0.isEmpty ? nil : $0 }
        return WarehouseShipment(
            carrier: carrierName(first?.carrierCode),
            trackingNumber: number,
            trackingURL: number.flatMap { Self.trackingURL(carrierCode: first?.carrierCode?.lowercased(), $0) },
            dispatchedAt: first?.shipDate?.date ?? first?.createDate?.date ?? order.dispatchedAt
        )
    }

    func carrierName(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return nil }
        return carrierNames[code] ?? carrierNames[code.lowercased()] ?? code
    }

    /// ShipStation has no tracking URL field; it is built from the carrier and number (L242).
    static func trackingURL(carrierCode: String?, _ number: String) -> String? {
        guard let code = carrierCode, let encoded = number.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else { return nil }
        return switch code {
        case "stamps_com", "usps", "endicia": "https://tools.usps.com/go/TrackConfirmAction?tLabels=\(encoded)"
        case "ups", "ups_walleted": "https://www.ups.com/track?tracknum=\(encoded)"
        case "fedex", "fedex_walleted": "https://www.fedex.com/fedextrack/?trknbr=\(encoded)"
        case "dhl_express", "dhl_express_worldwide": "https://www.dhl.com/en/express/tracking.html?AWB=\(encoded)"
        default: nil
        }
    }

    /// Cancels an open order by re-sending it whole as `cancelled` (L211); a shipped one cannot be (L153). A deleted
    /// order (404) will not ship either.
    public func cancelOrder(id: String) async throws -> WarehouseCancelResult {
        do {
            guard let number = Int(id) else { return .notAllowed(status: "unknown order \(id)") }
            let order: Order
            do {
                order = try await client.order(id: number)
            } catch ShipStationError.notFound {
                return .cancelled
            }
            if order.status == .cancelled { return .cancelled }
            guard order.status.isOpen else { return .notAllowed(status: order.status.rawValue) }
            do {
                let after = try await client.cancelOrder(order)
                return after.status == .cancelled ? .cancelled : .notAllowed(status: after.status.rawValue)
            } catch ShipStationError.validation {
                let now = (try? await client.order(id: number).status.rawValue) ?? order.status.rawValue
                return now == OrderStatus.cancelled.rawValue ? .cancelled : .notAllowed(status: now)
            }
        } catch { throw Self.classify(error) }
    }

    /// `GET /warehouses` (L287): ids are ShipStation's `warehouseId`.
    public func knownWarehouses() async throws -> [IntegrationConfig.WarehouseRef] {
        do {
            return try await client.warehouses().map { IntegrationConfig.WarehouseRef(id: $0.warehouseId.map(String.init), name: $0.warehouseName) }
                .filter { !$0.isEmpty }
        } catch { throw Self.classify(error) }
    }

    static func order(_ order: Order) -> WarehouseOrder {
        let status: WarehouseOrder.Status =
            switch order.status {
            case .awaitingPayment, .awaitingShipment, .onHold, .pendingFulfillment: .open
            case .shipped: .dispatched
            case .cancelled: .cancelled
            case .rejectedFulfillment: .rejected
            default: .unknown
            }
        return WarehouseOrder(
            id: order.id,
            reference: order.orderKey ?? order.orderNumber ?? "",
            status: status,
            statusText: order.status.rawValue,
            modifiedAt: order.modifyDate?.date,
            dispatchedAt: status == .dispatched ? (order.shipDate?.date ?? order.modifyDate?.date) : nil,
            skus: (order.items ?? []).filter { $0.adjustment != true }.compactMap(\.sku)
        )
    }

    static func classify(_ error: any Error) -> any Error {
        guard let error = error as? ShipStationError else { return error }
        let code = ReasonCode(shipStation: error)
        return error.isTransient
            ? WarehouseError.transient(code: code, message: error.userMessage) : WarehouseError.permanent(code: code, message: error.userMessage)
    }
}
