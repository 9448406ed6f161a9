import BridgeSupport
import CartonCloud
import Foundation

/// `Warehouse` over CartonCloud: outbound orders for one customer, progress by modified/dispatched-time searches,
/// tracking from the consignment generated from the order.
public struct CartonCloudWarehouse: Warehouse {
    public let client: CartonCloudClient
    public let customerID: String
    public var displayName: String { "CartonCloud" }
    public var createBudget: RateGovernor? { client.createGovernor }

    public init(client: CartonCloudClient, customerID: String) {
        self.client = client
        self.customerID = customerID
    }

    public func testConnection() async -> ConnectionReport {
        var report = ConnectionReport()
        do {
            let info = try await client.userInfo()
            report.checks.append(.init(name: "Token", ok: true, detail: "Signed in as \(info.name ?? info.email ?? "API client")"))
            let tenantID = client.configuration.tenantID
            if let tenant = info.tenants.first(where: { $0.id.caseInsensitiveCompare(tenantID) == .orderedSame }) {
                report.checks.append(.init(name: "Tenant", ok: true, detail: tenant.name ?? tenant.id))
            } else {
                let known = info.tenants.map { "\($0.name ?? "?") (\($0.id))" }.joined(separator: ", ")
                report.checks.append(
                    .init(
                        name: "Tenant",
                        ok: false,
                        detail: "Tenant \(tenantID) is not available to this client. Available: \(known.isEmpty ? "none" : known)."
                    )
                )
                return report
            }
        } catch {
            report.checks.append(.init(name: "Token", ok: false, detail: Self.message(error)))
            return report
        }
        guard !customerID.trimmingCharacters(in: .whitespaces).isEmpty else {
            report.checks.append(.init(name: "Customer", ok: false, detail: "No Customer ID: copy it from CartonCloud → Customers."))
            return report
        }
        do {
            let customer = try await client.customer(id: customerID)
            report.checks.append(.init(name: "Customer", ok: true, detail: customer.name ?? customer.id))
        } catch CartonCloudError.notFound {
            // Say which customers the tenant has, as the tenant check does.
            let known = ((try? await client.customers()) ?? []).prefix(8).map { "\($0.name ?? "?") (\($0.id))" }.joined(separator: ", ")
            report.checks.append(
                .init(
                    name: "Customer",
                    ok: false,
                    detail: "Customer \(customerID) is not in this tenant. Customers: \(known.isEmpty ? "none visible to this client" : known)."
                )
            )
            return report
        } catch {
            report.checks.append(.init(name: "Customer", ok: false, detail: Self.message(error)))
            return report
        }
        do {
            _ = try await client.findOutboundOrders(reference: "cin7bridge-connection-test", customerID: customerID)
            // cartoncloud-api.md ~L928-930: "TMS Create Jobs" is needed too when the customer generates consignments
            // from sale orders automatically; only a create can show it, so the check says so instead.
            report.checks.append(
                .init(
                    name: "Role: \(CartonCloudClient.roleCreateJobs)",
                    ok: true,
                    detail:
                        "can create and read sale orders (if this customer generates consignments from sale orders automatically, the client also needs “\(CartonCloudClient.roleCreateTransportJobs)”)"
                )
            )
        } catch {
            report.checks.append(.init(name: "Role: \(CartonCloudClient.roleCreateJobs)", ok: false, detail: Self.message(error)))
        }
        do {
            _ = try await client.consignments(generatedFromOrderID: UUID().uuidString.lowercased())
            report.checks.append(
                .init(name: "Role: \(CartonCloudClient.roleViewConsignments)", ok: true, detail: "can read consignments for tracking")
            )
        } catch {
            report.checks.append(.init(name: "Role: \(CartonCloudClient.roleViewConsignments)", ok: false, detail: Self.message(error)))
        }
        return report
    }

    public func createOrder(_ request: WarehouseOrderRequest) async throws -> WarehouseCreateResult {
        let order = OutboundOrderRequest(
            reference: request.reference,
            customerID: customerID,
            warehouse: request.warehouse.id.map { .id($0) } ?? request.warehouse.name.map { .name($0) },
            address: .init(
                companyName: request.address.companyName,
                contactName: request.address.contactName,
                address1: request.address.address1,
                address2: request.address.address2,
                suburb: request.address.suburb,
                city: request.address.city,
                state: request.address.stateCode.map { .code($0) } ?? request.address.stateName.map { .name($0) },
                postcode: request.address.postcode,
                country: request.address.countryCode.map { $0.count == 2 ? .iso2Code($0) : .name($0) },
                phone: request.address.phone,
                email: request.address.email
            ),
            deliveryInstructions: request.instructions,
            requiredDate: request.requiredDate,
            items: request.lines.map { OutboundOrderRequest.Item(code: $0.sku, quantity: $0.quantity) },
            extraReferences: request.customerReference.map { ["alternateReference": $0] } ?? [:]
        )
        do {
            switch try await client.createOutboundOrder(order) {
            case .created(let created): return .created(Self.order(created))
            case .rejected(let rejected, let reasons): return .rejected(Self.order(rejected), reasons: reasons)
            case .duplicate(let id): return .duplicate(existingID: id)
            }
        } catch { throw Self.classify(error) }
    }

    public func findOrders(reference: String) async throws -> [WarehouseOrder] {
        do {
            return try await client.findOutboundOrders(reference: reference, customerID: customerID)
                .filter { ($0.reference ?? "") == reference }.map(Self.order)
        } catch { throw Self.classify(error) }
    }

    public func order(id: String) async throws -> WarehouseOrder {
        do {
            return Self.order(try await client.outboundOrder(id: id))
        } catch CartonCloudError.notFound {
            // cartoncloud-api.md ~L3991: 404 "The resource does not exist". The documented statuses have no
            // CANCELLED or DELETED; a sale order deleted in the web app just stops existing.
            throw WarehouseError.permanent(
                code: .warehouseOrderNotFound,
                message:
                    "CartonCloud no longer has warehouse order \(id): it was deleted in CartonCloud. Retry to send the order again, or skip it with a note if it should not ship."
            )
        } catch { throw Self.classify(error) }
    }

    public func ordersChanged(since: Date) async throws -> [WarehouseOrder] {
        do {
            let modified = try await client.outboundOrders(customerID: customerID, modifiedSince: since)
            let dispatched = try await client.outboundOrders(customerID: customerID, dispatchedSince: since)
            var seen = Set<String>()
            return (modified + dispatched).filter { seen.insert($0.id).inserted }.map(Self.order)
        } catch { throw Self.classify(error) }
    }

    public func shipment(for order: WarehouseOrder) async throws -> WarehouseShipment? {
        guard order.status == .dispatched else { return nil }
        return try await shipments(for: [order])[order.id]
    }

    /// One consignment search (an `OrCondition` of `/generatedFromTask/id`) for every order, not one per order.
    public func shipments(for orders: [WarehouseOrder]) async throws -> [String: WarehouseShipment] {
        let dispatched = orders.filter { $0.status == .dispatched }
        guard !dispatched.isEmpty else { return [:] }
        do {
            let consignments = try await client.consignments(generatedFromOrderIDs: dispatched.map(\.id))
            let byOrder = Dictionary(grouping: consignments) { $0.generatedFromTask?.id ?? "" }
            return dispatched.reduce(into: [:]) { $0[$1.id] = Self.shipment(for: $1, consignments: byOrder[$1.id] ?? []) }
        } catch { throw Self.classify(error) }
    }

    /// What was shipped, from the order's consignments. CANCELLED consignments are ignored (cartoncloud-api.md
    /// ~L2216); tracking comes from the consignment that has it, with its carrier and URL (an empty URL is none).
    /// Consignment items are transport items (cartoncloud-api.md ~L2136-2155: `"code": "DRUM"`, pallets, weight),
    /// not the order's lines, so a dispatched order counts as shipped in full; quantities per SKU are taken only
    /// when every item names one of the order's own SKUs (the warehouse's data then says what went).
    static func shipment(for order: WarehouseOrder, consignments: [Consignment]) -> WarehouseShipment {
        let live = consignments.filter { ($0.status ?? "").uppercased() != "CANCELLED" }
        let tracked = live.first { $0.trackingNumber != nil }
        var shipped: [String: Double]?
        let items = live.flatMap { $0.items ?? [] }
        let skus = Set(order.skus)
        // An order SKU whose quantity cannot be read counts as none shipped: a person checks it (short shipment)
        // rather than Cin7 being told everything went.
        if !items.isEmpty, !skus.isEmpty, items.allSatisfy({ $0.productCode.map(skus.contains) == true }) {
            shipped = items.reduce(into: [:]) { $0[$1.productCode!, default: 0] += $1.quantity ?? 0 }
        }
        return WarehouseShipment(
            carrier: tracked?.carrierName,
            trackingNumber: tracked?.trackingNumber,
            trackingURL: tracked?.trackingURL,
            dispatchedAt: order.dispatchedAt,
            shippedQuantities: shipped
        )
    }

    public func cancelOrder(id: String) async throws -> WarehouseCancelResult {
        do {
            try await client.deleteOutboundOrder(id: id)
            return .cancelled
        } catch CartonCloudError.deleteNotAllowed(let status) {
            return .notAllowed(status: status)
        } catch { throw Self.classify(error) }
    }

    public func knownWarehouses() async throws -> [IntegrationConfig.WarehouseRef] {
        do {
            let orders = try await client.recentOutboundOrders(customerID: customerID, since: Date().addingTimeInterval(-90 * 86_400))
            var seen: [IntegrationConfig.WarehouseRef] = []
            for warehouse in orders.compactMap(\.warehouse) {
                let ref = IntegrationConfig.WarehouseRef(id: warehouse.id, name: warehouse.name)
                if !ref.isEmpty, !seen.contains(ref) { seen.append(ref) }
            }
            return seen
        } catch { throw Self.classify(error) }
    }

    static func order(_ order: OutboundOrder) -> WarehouseOrder {
        let text = order.status?.rawValue ?? "UNKNOWN"
        let status: WarehouseOrder.Status =
            switch text {
            case "DISPATCHED": .dispatched
            case "REJECTED": .rejected
            case "PACKED": .packed
            case "PACKING_IN_PROGRESS", "PICKED": .inProgress
            case "DRAFT", "AWAITING_STOCK", "AWAITING_PICK_AND_PACK": .open
            case "CANCELLED", "DELETED": .cancelled
            default: .unknown
            }
        return WarehouseOrder(
            id: order.id,
            reference: order.reference ?? "",
            status: status,
            statusText: text,
            rejectionReasons: order.errorMessages,
            modifiedAt: order.timestamps?.modified?.date,
            dispatchedAt: order.timestamps?.dispatched?.date,
            skus: (order.items ?? []).compactMap(\.productCode)
        )
    }

    static func classify(_ error: any Error) -> any Error {
        guard let error = error as? CartonCloudError else { return error }
        // The message already names CartonCloud and leads with the cause.
        let (code, message) = (ReasonCode(error), error.userMessage)
        return error.isTransient ? WarehouseError.transient(code: code, message: message) : WarehouseError.permanent(code: code, message: message)
    }

    static func message(_ error: any Error) -> String {
        (error as? CartonCloudError)?.userMessage ?? "\(error)"
    }
}

extension ReasonCode {
    /// The code of a CartonCloud failure (stored as `cartoncloud_` and the error's audit outcome).
    init(_ error: CartonCloudError) {
        self =
            switch error {
            case .rateLimited: .warehouse(.cartonCloud, .throttled)
            case .transient: .warehouse(.cartonCloud, .transient)
            case .credentialsRejected: .warehouse(.cartonCloud, .credentials)
            case .forbidden: .warehouse(.cartonCloud, .forbidden)
            case .notFound: .warehouse(.cartonCloud, .notFound)
            case .validation: .warehouse(.cartonCloud, .validation)
            case .deleteNotAllowed: .warehouse(.cartonCloud, .deleteNotAllowed)
            case .malformed: .warehouse(.cartonCloud, .malformed)
            case .notTheAPI: .warehouse(.cartonCloud, .notTheAPI)
            case .invalidConfiguration: .warehouse(.cartonCloud, .configuration)
            case .unexpectedStatus: .warehouse(.cartonCloud, .unexpected)
            }
    }
}
