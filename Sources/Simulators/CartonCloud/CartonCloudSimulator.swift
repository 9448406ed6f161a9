import Foundation
import Synchronization

/// Tracking a dispatched consignment carries.
public struct SimTracking: Sendable, Equatable {
    public var number: String
    public var carrier: String
    public var url: String?

    public init(number: String, carrier: String, url: String? = nil) {
        self.number = number
        self.carrier = carrier
        self.url = url
    }
}

/// How the simulated CartonCloud tenant is set up. Tenant settings the documents describe (duplicate reference
/// check, statuses on which deleting is allowed, the API client's roles) are switches here.
public struct CartonCloudSimulatorConfiguration: Sendable {
    public var clientID: String = "cin7bridge-demo"
    public var clientSecret: String = CartonCloudSimulatorConfiguration.randomSecret()
    public var tenantID: String = UUID().uuidString.lowercased()
    public var tenantName: String = "Demo 3PL"
    public var customerID: String = UUID().uuidString.lowercased()
    public var customerName: String = "Acme Brands"
    public var customerCode: String = "ACME"
    public var userName: String = "Cin7 Bridge API Client"
    public var userEmail: String = "api@demo-3pl.example"
    public var tokenLifetime: TimeInterval = 3600
    /// Tenant setting: a second order with the same `references.customer` for the same customer → 422 DUPLICATE.
    public var duplicateReferenceCheck: Bool = true
    /// Tenant setting "Sale Order Statuses on which … deleting an existing Sale Order is allowed".
    public var deletableStatuses: Set<String> = ["AWAITING_PICK_AND_PACK", "REJECTED", "DRAFT", "AWAITING_STOCK"]
    /// Creates allowed per client in any `createRateWindow` seconds (documented: 30 per minute per user).
    public var createRateLimit: Int = 30
    public var createRateWindow: TimeInterval = 60
    /// Roles of the API client ("WMS Create Jobs", "TMS View Jobs", "TMS Create Jobs", "Add Customer", …).
    public var roles: Set<String> = ["WMS Create Jobs", "TMS View Jobs"]
    /// Documented: 400 for a missing header (an invalid version may give 404 or 406 too).
    public var missingAcceptVersionStatus: Int = 400
    /// The answer to an `Accept-Version` other than 1. The documents disagree: cartoncloud-api.md ~L258 "an invalid
    /// version can return a `404` or `400`", ~L3993 "406 Not Acceptable: Invalid Accept-Version header provided".
    public var invalidAcceptVersionStatus: Int = 406
    /// What a consignment generated from a dispatched sale order lists as items. The documents show transport
    /// items only (cartoncloud-api.md ~L2136-2155: `measures.pallets`/`weight`, product `"code": "DRUM"`; transport
    /// products have `"scope": "TRANSPORT"` ~L2776); they are silent on whether a warehouse-generated consignment
    /// can name the order's SKUs, so that is a switch.
    public var consignmentItems: SimConsignmentItems = .transport
    /// Whether a tracking change on a consignment also moves the sale order's `timestamps.modified`. Nothing in the
    /// documents says it does (tracking is a consignment field, cartoncloud-api.md ~L2188-2189), so by default it does not.
    public var trackingChangeTouchesOrder: Bool = false
    /// The customer setting "Automatically Generate a Consignment from a Sale Order" = "Yes, on Sale Order Import or
    /// Pack Completion": creating a sale order then also needs the "TMS Create Jobs" role (cartoncloud-api.md ~L928-930).
    public var autoGenerateConsignments: Bool = false
    /// Offset of the tenant's local time used in timestamps (`+10:00` like the documents' examples).
    public var timeZoneOffsetSeconds: Int = 36_000
    /// Page size when a request gives none.
    public var defaultPageSize: Int = 100
    public var faults: SimulatorFaults = .none
    public var seed: UInt64 = 2

    public init() {}

    public static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// What a generated consignment lists as its items (see `CartonCloudSimulatorConfiguration.consignmentItems`).
public enum SimConsignmentItems: Sendable, Equatable {
    /// Transport items as the documents show them: a `CARTON` transport product with quantity and weight.
    case transport
    /// The order's products by code with the quantities actually dispatched (what `dispatch(shortShip:)` sets).
    case orderProducts
}

/// One line of a simulated outbound order.
public struct SimOrderLine: Sendable, Equatable {
    public var code: String
    public var productID: String?
    public var name: String
    public var quantity: Double
}

/// An outbound order as the simulator keeps it.
public struct SimOutboundOrder: Sendable {
    public var id: String
    public var numericID: Int
    public var reference: String
    public var customerID: String
    public var warehouseID: String
    public var status: String
    public var version: Int
    public var deleted: Bool
    public var lines: [SimOrderLine]
    /// `details.errors[].message` when REJECTED.
    public var errors: [String]
    /// `details.errors[].isResolved` once staff fixed the order (`resolveRejection`).
    public var errorsResolved: Bool = false
    public var created: Date
    public var modified: Date
    public var packed: Date?
    public var dispatched: Date?
    public var consignmentIDs: [String]
    /// The create request, echoed back in responses.
    public var request: SimJSON
}

/// A consignment generated from a dispatched outbound order.
public struct SimConsignment: Sendable {
    public var id: String
    public var orderID: String
    public var status: String
    public var version: Int
    public var tracking: SimTracking?
    public var created: Date
    public var modified: Date
    public var lines: [(code: String, quantity: Double)]
}

public struct CartonCloudSimulatorStats: Sendable, Equatable {
    public var requests = 0
    public var tokensIssued = 0
    /// Orders created (201 and 228).
    public var creates = 0
    public var rejectedCreates = 0
    public var duplicates = 0
    /// 429 answers.
    public var rateLimited = 0
    public var deletes = 0
    public var unauthorized = 0
    public var forbidden = 0
    public var faultsInjected: [String: Int] = [:]
    /// Requests by end point, ids replaced by `{id}` (`POST consignments/search`, `GET outbound-orders/{id}`).
    public var byEndpoint: [String: Int] = [:]

    public init() {}
}

/// A CartonCloud API v1 server on loopback, written from CartonCloud's public API reference (not from our client):
/// OAuth2 client credentials, `Accept-Version`, roles, outbound orders (201 / 228 REJECTED / 422 DUPLICATE / 429),
/// search with nested conditions and paging headers, delete gated by tenant setting, consignments generated on
/// dispatch, warehouse product search, and fault injection.
public final class CartonCloudSimulator: Sendable {
    struct Warehouse: Sendable {
        var id: String
        var name: String
    }
    struct CustomerRecord: Sendable {
        var id: String
        var name: String
        var code: String?
    }
    struct Product: Sendable {
        var id: String
        var code: String
        var name: String
        var customerID: String
        var active: Bool
        var created: Date
    }

    struct State: Sendable {
        var configuration: CartonCloudSimulatorConfiguration
        var generator: SplitMix64
        var tokens: [String: Date] = [:]
        var userID: String = ""
        var warehouses: [Warehouse] = []
        var customers: [CustomerRecord] = []
        var products: [Product] = []
        var orders: [String: SimOutboundOrder] = [:]
        var orderSequence: [String] = []
        var consignments: [String: SimConsignment] = [:]
        var consignmentSequence: [String] = []
        var createLog: [Date] = []
        var nextNumericID = 13_673
        var clockOffset: TimeInterval = 0
        var stats = CartonCloudSimulatorStats()
        /// Orders and consignments as searches last rendered them. A search renders every entity, which dominated
        /// the simulator's cost once orders ran into thousands; every change bumps `version` or `modified`.
        var searchRenders: [String: (stamp: RenderStamp, json: SimJSON)] = [:]

        var now: Date { Date().addingTimeInterval(clockOffset) }

        mutating func newID() -> String {
            var bytes = [UInt8](repeating: 0, count: 16)
            for index in stride(from: 0, to: 16, by: 8) {
                var value = generator.next()
                for offset in 0..<8 {
                    bytes[index + offset] = UInt8(truncatingIfNeeded: value)
                    value >>= 8
                }
            }
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            let chars = Array(hex)
            return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
        }
    }

    let state: Mutex<State>
    let injector: FaultInjector
    private let server = SimulatorServer(label: "CartonCloud simulator")

    public init(configuration: CartonCloudSimulatorConfiguration = .init()) {
        var initial = State(configuration: configuration, generator: SplitMix64(seed: configuration.seed))
        initial.userID = initial.newID()
        initial.customers = [CustomerRecord(id: configuration.customerID, name: configuration.customerName, code: configuration.customerCode)]
        // The tenant's `default` warehouse (used when an order names none).
        initial.warehouses = [Warehouse(id: initial.newID(), name: "Default")]
        state = Mutex(initial)
        injector = FaultInjector(faults: configuration.faults, seed: configuration.seed &+ 1)
    }

    public var configuration: CartonCloudSimulatorConfiguration { state.withLock { $0.configuration } }

    /// Changes tenant settings at run time (roles, deletable statuses, duplicate check, rate limit…).
    public func updateConfiguration(_ change: @Sendable (inout CartonCloudSimulatorConfiguration) -> Void) {
        state.withLock { change(&$0.configuration) }
    }

    // MARK: Server

    /// Starts serving; returns the base URL (`http://127.0.0.1:<port>`). Port 0 picks a free port.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> URL {
        let bound = try await server.start(router(), host: host, port: port)
        return URL(string: "http://\(host):\(bound)")!
    }

    public func stop() async {
        await server.stop()
    }

    public var faults: SimulatorFaults {
        get { injector.faults }
        set { injector.faults = newValue }
    }

    public var stats: CartonCloudSimulatorStats {
        var stats = state.withLock { $0.stats }
        stats.faultsInjected = injector.injected
        return stats
    }

    public var tenantID: String { state.withLock { $0.configuration.tenantID } }
    public var customerID: String { state.withLock { $0.configuration.customerID } }
    public var clientID: String { state.withLock { $0.configuration.clientID } }
    public var clientSecret: String { state.withLock { $0.configuration.clientSecret } }
    /// The simulator's clock (wall time plus `advanceTime`).
    public var now: Date { state.withLock { $0.now } }

    // MARK: Control API

    @discardableResult
    public func addWarehouse(name: String) -> String {
        state.withLock { state in
            if let existing = state.warehouses.first(where: { $0.name == name }) { return existing.id }
            let id = state.newID()
            state.warehouses.append(Warehouse(id: id, name: name))
            return id
        }
    }

    /// Adds a warehouse product for `customerID` (default: the configured customer).
    @discardableResult
    public func addProduct(code: String, name: String, customerID: String? = nil) -> String {
        state.withLock { state in
            let owner = customerID ?? state.configuration.customerID
            if let existing = state.products.first(where: { $0.code == code && $0.customerID == owner }) { return existing.id }
            let id = state.newID()
            state.products.append(Product(id: id, code: code, name: name, customerID: owner, active: true, created: state.now))
            return id
        }
    }

    @discardableResult
    public func addCustomer(name: String) -> String {
        state.withLock { state in
            let id = state.newID()
            state.customers.append(CustomerRecord(id: id, name: name, code: nil))
            return id
        }
    }

    /// Starts picking: AWAITING_PICK_AND_PACK → PACKING_IN_PROGRESS.
    public func pick(orderID: String) {
        mutateOrder(orderID) { order, _ in
            guard order.status == "AWAITING_PICK_AND_PACK" || order.status == "AWAITING_STOCK" else { return false }
            order.status = "PACKING_IN_PROGRESS"
            return true
        }
    }

    /// Finishes packing: → PACKED with `timestamps.packed`.
    public func pack(orderID: String) {
        mutateOrder(orderID) { order, now in
            guard ["AWAITING_PICK_AND_PACK", "PACKING_IN_PROGRESS", "PICKED"].contains(order.status) else { return false }
            order.status = "PACKED"
            order.packed = now
            return true
        }
    }

    /// Dispatches the order (packing it first if needed) and generates a consignment from it carrying `tracking`
    /// (none when nil; set it later with `setTracking`). `shortShip` maps product codes to the quantity actually sent;
    /// the consignment shows it only with `consignmentItems == .orderProducts` (the documented sale order has no
    /// dispatched quantity).
    public func dispatch(orderID: String, tracking: SimTracking? = nil, shortShip: [String: Double]? = nil) {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted, order.status != "REJECTED", order.status != "DISPATCHED" else { return }
            let now = state.now
            if order.packed == nil { order.packed = now }
            order.status = "DISPATCHED"
            order.dispatched = now
            order.modified = now
            order.version += 1
            let lines: [(code: String, quantity: Double)]
            switch state.configuration.consignmentItems {
            case .transport:
                // cartoncloud-api.md ~L2136-2155: consignment items are transport items (product code, pallets, weight).
                let units = order.lines.reduce(0) { $0 + (shortShip?[$1.code] ?? $1.quantity) }
                lines = [("CARTON", max(1, (units / 12).rounded(.up)))]
            case .orderProducts:
                lines = order.lines.map { ($0.code, shortShip?[$0.code] ?? $0.quantity) }
            }
            let consignmentID = state.newID()
            state.consignments[consignmentID] = SimConsignment(
                id: consignmentID,
                orderID: orderID,
                status: "IN_TRANSIT_WAREHOUSE_DELIVERY",
                version: 1,
                tracking: tracking,
                created: now,
                modified: now,
                lines: lines
            )
            state.consignmentSequence.append(consignmentID)
            order.consignmentIDs.append(consignmentID)
            state.orders[orderID] = order
        }
    }

    /// Tracking added or changed after dispatch, on the order's latest consignment. The sale order's `modified`
    /// moves only with `trackingChangeTouchesOrder` (the documents do not say it does).
    public func setTracking(orderID: String, tracking: SimTracking) {
        state.withLock { state in
            guard var order = state.orders[orderID], let consignmentID = order.consignmentIDs.last,
                var consignment = state.consignments[consignmentID]
            else { return }
            let now = state.now
            consignment.tracking = tracking
            consignment.modified = now
            consignment.version += 1
            state.consignments[consignmentID] = consignment
            if state.configuration.trackingChangeTouchesOrder {
                order.modified = now
                order.version += 1
                state.orders[orderID] = order
            }
        }
    }

    /// Another consignment generated from a dispatched order (split deliveries), e.g. a `CANCELLED` one or one with
    /// an empty tracking URL. cartoncloud-api.md ~L2200-2216: consignment statuses include `CANCELLED`. Returns its id.
    @discardableResult
    public func addConsignment(orderID: String, status: String = "IN_TRANSIT_WAREHOUSE_DELIVERY", tracking: SimTracking? = nil) -> String? {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted, order.status == "DISPATCHED" else { return nil }
            let now = state.now
            let id = state.newID()
            state.consignments[id] = SimConsignment(
                id: id,
                orderID: orderID,
                status: status,
                version: 1,
                tracking: tracking,
                created: now,
                modified: now,
                lines: [("CARTON", 1)]
            )
            state.consignmentSequence.append(id)
            order.consignmentIDs.append(id)
            state.orders[orderID] = order
            return id
        }
    }

    /// Sets a consignment's status (e.g. `CANCELLED`, cartoncloud-api.md ~L2216) without touching its order.
    public func setConsignmentStatus(id: String, status: String) {
        state.withLock { state in
            guard var consignment = state.consignments[id] else { return }
            consignment.status = status
            consignment.modified = state.now
            consignment.version += 1
            state.consignments[id] = consignment
        }
    }

    /// Warehouse staff delete the order in the web app, whatever its status: from then on GET and DELETE answer 404
    /// (cartoncloud-api.md ~L3991 "404 Not Found: The resource does not exist") and searches leave it out.
    public func staffDelete(orderID: String) {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted else { return }
            order.deleted = true
            order.modified = state.now
            state.orders[orderID] = order
        }
    }

    /// Warehouse staff fix a REJECTED order in the web app (228 = "created in a rejected status typically due to
    /// stock issues"; its error references carry `isResolved`, cartoncloud-api.md ~L1073): the errors are marked
    /// resolved and the order moves on to AWAITING_PICK_AND_PACK, from where it can be dispatched.
    public func resolveRejection(orderID: String) {
        mutateOrder(orderID) { order, _ in
            guard order.status == "REJECTED" else { return false }
            order.status = "AWAITING_PICK_AND_PACK"
            order.errorsResolved = true
            return true
        }
    }

    /// Sets an order's status directly (operator action in the WMS, e.g. back to DRAFT).
    public func setStatus(orderID: String, status: String) {
        mutateOrder(orderID) { order, _ in
            order.status = status
            return true
        }
    }

    /// Moves the simulator's clock (timestamps, token expiry) forward.
    public func advanceTime(by seconds: TimeInterval) {
        state.withLock { $0.clockOffset += seconds }
    }

    public func order(id: String) -> SimOutboundOrder? { state.withLock { $0.orders[id] } }

    /// Every order (deleted ones included, flagged), oldest first, optionally with the given reference.
    public func orders(reference: String? = nil) -> [SimOutboundOrder] {
        state.withLock { state in
            state.orderSequence.compactMap { state.orders[$0] }.filter { reference == nil || $0.reference == reference }
        }
    }

    public func consignments(orderID: String) -> [SimConsignment] {
        state.withLock { state in state.consignmentSequence.compactMap { state.consignments[$0] }.filter { $0.orderID == orderID } }
    }

    /// A couple of warehouses and products for the demo. Returns the warehouse ids by name.
    @discardableResult
    public static func seedDemoData(
        _ simulator: CartonCloudSimulator,
        warehouses: [String] = ["Sydney DC", "Auckland DC"],
        products: [(code: String, name: String)] = [
            ("CB-C-DC-12", "Cold Brew Coffee 12 pack"), ("DEH1001", "Dehumidifier 1000"),
            ("TEE-BLK-M", "T-Shirt Black M"), ("TEE-BLK-L", "T-Shirt Black L"), ("MUG-001", "Enamel Mug"),
        ]
    ) -> [String: String] {
        var ids: [String: String] = [:]
        for name in warehouses { ids[name] = simulator.addWarehouse(name: name) }
        for product in products { simulator.addProduct(code: product.code, name: product.name) }
        return ids
    }

    private func mutateOrder(_ id: String, _ change: (inout SimOutboundOrder, Date) -> Bool) {
        state.withLock { state in
            guard var order = state.orders[id], !order.deleted else { return }
            let now = state.now
            if change(&order, now) {
                order.modified = now
                order.version += 1
                state.orders[id] = order
            }
        }
    }
}
