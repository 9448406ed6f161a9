import BridgeSupport
import Foundation
import Starshipit

/// `Warehouse` over one Starshipit account (starshipit-api.md L305: the account is the unit; there is no warehouse
/// object). Orders are created unshipped with `order_number` = the unit's reference; progress comes from the
/// unshipped, printed and shipped lists with `since_*` filters sent explicitly with an overlap (the 24-hour default
/// window, L333); tracking comes from the orders' packages, in bulk.
public struct StarshipitWarehouse: Warehouse {
    /// When a Starshipit order counts as dispatched: on label print (Printed, tracking exists from then, L243) or on
    /// manifest (Shipped), as Starshipit's own write-back can be set (L241, L245).
    public let client: StarshipitClient
    public let writebackOn: IntegrationConfig.Fulfilment.WritebackPoint
    /// The account's name as the wizard shows it (an account per Cin7 location, L305-308).
    public let accountName: String
    /// Subtracted from every `since_*` filter, so an order changed while a poll ran is seen by the next.
    public let overlap: TimeInterval
    /// How far back `shipments(for:)` looks for orders whose ship date it does not know.
    public let shipmentLookback: TimeInterval
    /// At most this many orders a bulk read missed are read one by one per call (orders older than the window).
    public let fallbackReads: Int
    let memory = PollMemory()

    public var displayName: String { "Starshipit" }
    /// Every Starshipit call shares the subscription's budget (L17), creates included.
    public var createBudget: RateGovernor? { client.governor }
    /// As Starshipit's own Cin7 integration writes back (seed "Writeback": "By default, Starshipit will use "DEFAULT
    /// Carrier" when updating your orders in Cin7 Core"; Cin7's own examples name that carrier): a carrier the user
    /// mapped to no Cin7 carrier in step 4 is written as it.
    public var unmappedCarrier: String? { Self.defaultCarrier }
    public static let defaultCarrier = "DEFAULT Carrier"

    public init(
        client: StarshipitClient,
        writebackOn: IntegrationConfig.Fulfilment.WritebackPoint = .labelPrinted,
        accountName: String = "Starshipit account",
        overlap: TimeInterval = 600,
        shipmentLookback: TimeInterval = 14 * 86_400,
        fallbackReads: Int = 10
    ) {
        self.client = client
        self.writebackOn = writebackOn
        self.accountName = accountName
        self.overlap = overlap
        self.shipmentLookback = shipmentLookback
        self.fallbackReads = fallbackReads
    }

    // MARK: Connection

    /// Checks both keys with one cheap read (the gateway's 401 names the subscription key, L45-47; Starshipit's own 401
    /// the API key, L48), says what the rate tier allows, and lists the carriers seen on recent shipped orders.
    public func testConnection() async -> ConnectionReport {
        var report = ConnectionReport()
        let now = client.clock.now
        do {
            _ = try await client.unshippedOrders(sinceLastUpdated: now.addingTimeInterval(-3600), maxPages: 1, priority: .normal)
            report.checks.append(.init(name: "Subscription key", ok: true, detail: "accepted by Starshipit's API gateway"))
            report.checks.append(.init(name: "API key", ok: true, detail: "selects the account \(accountName)"))
        } catch StarshipitError.subscriptionKeyRejected {
            report.checks.append(
                .init(
                    name: "Subscription key",
                    ok: false,
                    detail:
                        "Starshipit's gateway refused the subscription key: copy the “Subscription key” from Starshipit → Settings → API (it is not the API key), and check the subscription is active."
                )
            )
            return report
        } catch StarshipitError.apiKeyRejected {
            report.checks.append(.init(name: "Subscription key", ok: true, detail: "accepted by Starshipit's API gateway"))
            report.checks.append(
                .init(
                    name: "API key",
                    ok: false,
                    detail: "Starshipit refused the API key: copy the “API key” from Starshipit → Settings → API (it selects the account)."
                )
            )
            return report
        } catch StarshipitError.forbidden(let message) {
            report.checks.append(.init(name: "Subscription key", ok: true, detail: "accepted by Starshipit's API gateway"))
            report.checks.append(.init(name: "API key", ok: true, detail: "selects an account"))
            report.checks.append(
                .init(
                    name: "Plan",
                    ok: false,
                    detail:
                        "Starshipit refused access\(message.isEmpty ? "" : " (“\(message)”)"): the account's plan or API subscription does not include the orders API; check it under Settings → API."
                )
            )
            return report
        } catch {
            report.checks.append(.init(name: "Connection", ok: false, detail: Self.message(error)))
            return report
        }
        let tier = client.configuration.tier
        let perSecond = client.configuration.rate.callsPerSecond
        report.checks.append(
            .init(
                name: "Rate tier",
                ok: true,
                detail: "\(tier.displayName): calls are paced to \(perSecond.formatted()) per second"
                    + (tier == .developer ? "; a backlog drains slowly, ask Starshipit for a Production subscription (20 per second)." : ".")
            )
        )
        do {
            let carriers = try await carriersSeen(priority: .normal)
            report.checks.append(
                .init(
                    name: "Carriers",
                    ok: true,
                    detail: carriers.isEmpty
                        ? "no shipped orders in the last 30 days yet; carriers are written to Cin7 as Starshipit names them (map them under Carrier mapping)."
                        : "seen on shipped orders: \(carriers.joined(separator: ", ")); map them to Cin7 carriers under Carrier mapping."
                )
            )
        } catch {
            report.checks.append(.init(name: "Carriers", ok: false, detail: Self.message(error)))
        }
        return report
    }

    /// Carrier names on the last 30 days' shipped orders (one page): Starshipit documents no call listing enabled
    /// carriers (L315), so the wizard's carrier mapping starts from these.
    public func carriersSeen(priority: CallPriority = .normal) async throws -> [String] {
        do {
            let orders = try await client.shippedOrders(
                sinceLastUpdated: client.clock.now.addingTimeInterval(-30 * 86_400),
                maxPages: 1,
                priority: priority
            )
            var seen: [String] = []
            for name in orders.compactMap({ $0.carrierName ?? $0.carrier }) where !name.isEmpty && !seen.contains(name) { seen.append(name) }
            return seen
        } catch { throw Self.classify(error) }
    }

    // MARK: Orders

    /// `POST /api/orders` with `order_number` = the unit's reference (unique per sale and fulfilment unit) and
    /// `reference` = the Cin7 order number (L184, L325). An account that refuses duplicate numbers (409, L173) gives
    /// `.duplicate` with the existing order.
    public func createOrder(_ request: WarehouseOrderRequest) async throws -> WarehouseCreateResult {
        let order = Self.orderRequest(request)
        do {
            return .created(Self.order(try await client.createOrder(order), writebackOn: writebackOn))
        } catch StarshipitError.duplicateOrderNumber {
            do {
                guard let existing = try await client.orders(numbered: request.reference).first else {
                    throw WarehouseError.transient(
                        code: .warehouse(.starshipit, .duplicate),
                        message:
                            "Starshipit says order \(request.reference) already exists but it could not be found yet; it will be looked up again."
                    )
                }
                return .duplicate(existingID: String(existing.orderID))
            } catch let error as WarehouseError {
                throw error
            } catch { throw Self.classify(error) }
        } catch { throw Self.classify(error) }
    }

    /// Orders numbered exactly `reference` (a search and the by-number read, L181, L202), as full orders.
    public func findOrders(reference: String) async throws -> [WarehouseOrder] {
        do {
            return try await client.orders(numbered: reference).filter { $0.orderNumber == reference }.map {
                Self.order($0, writebackOn: writebackOn)
            }
        } catch { throw Self.classify(error) }
    }

    public func order(id: String) async throws -> WarehouseOrder {
        let number = try Self.orderID(id)
        do {
            return Self.order(try await client.order(id: number), writebackOn: writebackOn)
        } catch StarshipitError.notFound {
            throw WarehouseError.permanent(
                code: .warehouseOrderNotFound,
                message:
                    "Starshipit no longer has order \(id): it was deleted in Starshipit. Retry to send the order again, or skip it with a note if it should not ship."
            )
        } catch { throw Self.classify(error) }
    }

    /// Unshipped and shipped orders updated since `since` (minus the overlap; the filters are always sent, L333), and
    /// with write-back on print the printed, unmanifested ones (L262, see `printedSince`): three bulk lists, not one
    /// call per order.
    public func ordersChanged(since: Date) async throws -> [WarehouseOrder] {
        let from = since.addingTimeInterval(-overlap)
        do {
            var byID: [Int: WarehouseOrder] = [:]
            var sequence: [Int] = []
            func add(_ id: Int, _ order: WarehouseOrder) {
                if byID[id] == nil { sequence.append(id) }
                byID[id] = order
            }
            for order in try await client.unshippedOrders(sinceLastUpdated: from) { add(order.orderID, Self.order(order, writebackOn: writebackOn)) }
            if writebackOn == .labelPrinted {
                for printed in try await client.printedShipments(.unmanifested, sinceCreatedDate: printedSince(from)) {
                    add(printed.orderID, Self.order(printed))
                }
            }
            for order in try await client.shippedOrders(sinceLastUpdated: from) { add(order.orderID, Self.order(order, writebackOn: writebackOn)) }
            memory.remember(from)
            return sequence.compactMap { byID[$0] }
        } catch { throw Self.classify(error) }
    }

    /// The `since_created_date` of the printed list. Whether it filters on the print time or on the order's creation
    /// is not documented (L262), so it reaches back `shipmentLookback` at least: the unmanifested list is short
    /// (printed orders leave it at the nightly manifest, L239), and an order created days before its label is printed
    /// is still seen.
    func printedSince(_ from: Date) -> Date {
        min(from, client.clock.now.addingTimeInterval(-shipmentLookback))
    }

    public func shipment(for order: WarehouseOrder) async throws -> WarehouseShipment? {
        guard order.status == .dispatched else { return nil }
        return try await shipments(for: [order])[order.id]
    }

    /// One shipped list (and, with write-back on print, one printed list) for every order, not one call per order.
    /// Orders just seen by `ordersChanged` carry their ship date and are covered from the earliest one, less the
    /// overlap; those a list still missed are read one by one, at most `fallbackReads` per call. Orders without a ship
    /// date (completed ones the engine watches for late tracking) are covered from the last `ordersChanged` window
    /// (`shipmentLookback` before any): an order that changed since is in the list, one that did not is left out.
    public func shipments(for orders: [WarehouseOrder]) async throws -> [String: WarehouseShipment] {
        let wanted = orders.filter { $0.status == .dispatched }
        guard !wanted.isEmpty else { return [:] }
        let now = client.clock.now
        let dated = wanted.filter { $0.dispatchedAt != nil }
        let undatedFrom = wanted.count > dated.count ? (memory.from ?? now.addingTimeInterval(-shipmentLookback)) : nil
        let datedFrom = dated.compactMap(\.dispatchedAt).min().map { $0.addingTimeInterval(-overlap) }
        let from = [datedFrom, undatedFrom].compactMap { $0 }.min() ?? now
        let ids = Set(wanted.map(\.id))
        var found: [String: WarehouseShipment] = [:]
        do {
            for order in try await client.shippedOrders(sinceLastUpdated: from) where ids.contains(String(order.orderID)) {
                found[String(order.orderID)] = Self.shipment(order)
            }
            if writebackOn == .labelPrinted, wanted.contains(where: { found[$0.id] == nil && ($0.statusText == "Printed" || $0.dispatchedAt == nil) })
            {
                for printed in try await client.printedShipments(.unmanifested, sinceCreatedDate: printedSince(from))
                where ids.contains(String(printed.orderID)) && found[String(printed.orderID)] == nil {
                    found[String(printed.orderID)] = Self.shipment(printed)
                }
            }
            for order in dated.filter({ found[$0.id] == nil }).prefix(max(0, fallbackReads)) {
                guard let id = Int(order.id) else { continue }
                do {
                    let full = try await client.order(id: id)
                    if Self.order(full, writebackOn: writebackOn).status == .dispatched { found[order.id] = Self.shipment(full) }
                } catch StarshipitError.notFound {
                    continue
                }
            }
        } catch { throw Self.classify(error) }
        return found
    }

    /// `DELETE /api/orders/delete` while unshipped (L222); a printed or shipped order cannot be deleted (L228).
    public func cancelOrder(id: String) async throws -> WarehouseCancelResult {
        let number = try Self.orderID(id)
        do {
            try await client.deleteOrder(id: number)
            return .cancelled
        } catch StarshipitError.deleteNotAllowed(let status) {
            return .notAllowed(status: status)
        } catch { throw Self.classify(error) }
    }

    /// A Starshipit account has no warehouses (L305): a Cin7 location maps to an account (its API key), and each
    /// account is its own integration. So the one "warehouse" is this account.
    public func knownWarehouses() async throws -> [IntegrationConfig.WarehouseRef] {
        [IntegrationConfig.WarehouseRef(name: accountName)]
    }

    // MARK: Mapping

    static func orderID(_ id: String) throws -> Int {
        guard let number = Int(id) else {
            throw WarehouseError.permanent(
                code: .warehouse(.starshipit, .notFound),
                message: "“\(id)” is not a Starshipit order_id (a whole number)."
            )
        }
        return number
    }

    static func orderRequest(_ request: WarehouseOrderRequest) -> StarshipitOrderRequest {
        let address = request.address
        let street = [address.address1, address.address2].compactMap { $0?.nilIfBlank }.joined(separator: ", ")
        return StarshipitOrderRequest(
            orderNumber: request.reference,
            reference: String(request.cin7OrderNumber.prefix(StarshipitOrderRequest.maxOrderNumberLength)).nilIfBlank,
            destination: StarshipitAddressRequest(
                name: (address.contactName?.nilIfBlank ?? address.companyName?.nilIfBlank).map { String($0.prefix(100)) },
                company: address.companyName?.nilIfBlank,
                street: street.nilIfBlank,
                // L133: `suburb` is the locality in Australia and New Zealand; `city` is often empty.
                suburb: address.suburb?.nilIfBlank ?? address.city?.nilIfBlank,
                city: address.city?.nilIfBlank,
                state: address.stateCode?.nilIfBlank ?? address.stateName?.nilIfBlank,
                postCode: address.postcode?.nilIfBlank.map { String($0.prefix(10)) },
                country: address.countryCode.flatMap(countryName),
                phone: address.phone?.nilIfBlank,
                email: address.email?.nilIfBlank,
                deliveryInstructions: request.instructions?.nilIfBlank.map { String($0.prefix(100)) }
            ),
            items: request.lines.map { StarshipitItemRequest(description: $0.name, sku: $0.sku, quantity: $0.quantity) }
        )
    }

    /// The full English country name Starshipit uses on orders (L134, L137), from an ISO code.
    static func countryName(_ code: String) -> String? {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count == 2 else { return trimmed }
        return Locale(identifier: "en_US").localizedString(forRegionCode: trimmed.uppercased()) ?? trimmed
    }

    /// Starshipit's status as the engine's (L234-246). Archived before it shipped counts as cancelled (L227-228).
    static func order(_ order: StarshipitOrder, writebackOn: IntegrationConfig.Fulfilment.WritebackPoint) -> WarehouseOrder {
        let lifecycle = order.lifecycle
        var status: WarehouseOrder.Status =
            switch lifecycle {
            case .unshipped, .saved: .open
            case .printed: writebackOn == .labelPrinted ? .dispatched : .packed
            case .shipped, .delivered: .dispatched
            case .unknown: .unknown
            }
        if order.archived == true, status != .dispatched { status = .cancelled }
        let shipped = order.trackedPackages.compactMap { $0.labelCreatedDate?.date }.min()
        return WarehouseOrder(
            id: String(order.orderID),
            reference: order.orderNumber,
            status: status,
            statusText: order.status ?? "Unknown",
            modifiedAt: shipped,
            dispatchedAt: status == .dispatched ? shipped : nil,
            skus: (order.items ?? []).compactMap(\.sku)
        )
    }

    /// A printed order from the shipments list: dispatched when writing back on print (only then is it listed).
    static func order(_ printed: StarshipitShipmentSummary) -> WarehouseOrder {
        WarehouseOrder(
            id: String(printed.orderID),
            reference: printed.orderNumber,
            status: .dispatched,
            statusText: "Printed",
            modifiedAt: printed.date?.date,
            dispatchedAt: printed.date?.date
        )
    }

    /// Every tracked package with the order's carrier as Starshipit names it (`carrier_name`, else the code, L147);
    /// the first fills the shipment's own fields. The ship date is the first label's (L257).
    static func shipment(_ order: StarshipitOrder) -> WarehouseShipment {
        let carrier = order.carrierName?.nilIfBlank ?? order.carrier?.nilIfBlank
        let packages = order.trackedPackages.map {
            WarehouseShipment.Package(carrier: carrier, trackingNumber: $0.trackingNumber ?? "", trackingURL: $0.trackingURL?.nilIfBlank)
        }
        return WarehouseShipment(
            carrier: carrier,
            trackingNumber: packages.first?.trackingNumber,
            trackingURL: packages.first?.trackingURL,
            dispatchedAt: order.trackedPackages.compactMap { $0.labelCreatedDate?.date }.min(),
            packages: packages.count > 1 ? packages : nil
        )
    }

    /// A printed order's tracking numbers (no URLs on this list, L262).
    static func shipment(_ printed: StarshipitShipmentSummary) -> WarehouseShipment {
        let carrier = printed.carrierName?.nilIfBlank
        let packages = printed.trackingNumbers.map { WarehouseShipment.Package(carrier: carrier, trackingNumber: $0) }
        return WarehouseShipment(
            carrier: carrier,
            trackingNumber: packages.first?.trackingNumber,
            dispatchedAt: printed.date?.date,
            packages: packages.count > 1 ? packages : nil
        )
    }

    // MARK: Errors

    static func classify(_ error: any Error) -> any Error {
        guard let error = error as? StarshipitError else { return error }
        let code = ReasonCode(starshipit: error)
        return error.isTransient
            ? WarehouseError.transient(code: code, message: error.userMessage) : WarehouseError.permanent(code: code, message: error.userMessage)
    }

    static func message(_ error: any Error) -> String {
        (error as? StarshipitError)?.userMessage ?? (error as? WarehouseError)?.description ?? "\(error)"
    }
}

extension ReasonCode {
    /// The code of a Starshipit failure (both a wrong API key and a wrong subscription key are its credentials).
    init(starshipit error: StarshipitError) {
        let failure: WarehouseFailure =
            switch error {
            case .rateLimited: .throttled
            case .transient: .transient
            case .apiKeyRejected, .subscriptionKeyRejected: .credentials
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .validation: .validation
            case .duplicateOrderNumber: .duplicate
            case .deleteNotAllowed: .deleteNotAllowed
            case .malformed: .malformed
            case .notTheAPI: .notTheAPI
            case .invalidConfiguration: .configuration
            case .unexpectedStatus: .unexpected
            }
        self = .warehouse(.starshipit, failure)
    }
}
