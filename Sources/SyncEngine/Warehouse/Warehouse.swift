import BridgeSupport
import Foundation

/// What the engine needs from a warehouse system. CartonCloud implements it today; ShipStation and Starshipit can
/// implement it later without changing the engine. Warehouses are named by id or name in configuration because
/// not every API can list them.
public protocol Warehouse: Sendable {
    /// "CartonCloud".
    var displayName: String { get }
    /// The budget creates are paced by, if the warehouse limits them (shown on the dashboard).
    var createBudget: RateGovernor? { get }
    /// The Cin7 carrier a shipment gets when the user mapped none for the platform's carrier: nil keeps the
    /// platform's own carrier name (created in Cin7 when missing).
    var unmappedCarrier: String? { get }

    /// Checks the token, tenant, customer and the permissions the integration needs.
    func testConnection() async -> ConnectionReport
    /// Creates the order. Not retried internally after a lost response: the engine searches by reference first.
    func createOrder(_ request: WarehouseOrderRequest) async throws -> WarehouseCreateResult
    /// Orders carrying exactly this reference (for this integration's customer).
    func findOrders(reference: String) async throws -> [WarehouseOrder]
    func order(id: String) async throws -> WarehouseOrder
    /// Orders modified or dispatched after `since`, in bulk (not one call per order).
    func ordersChanged(since: Date) async throws -> [WarehouseOrder]
    /// Every order, live or not, created or changed since `since`, read by page in bulk: what reconciliation
    /// compares with Cin7 and the store (`Warehouse+Reconciliation.swift` has the default, `ordersChanged(since:)`).
    func ordersForReconciliation(since: Date) async throws -> [WarehouseOrder]
    /// What was shipped for a dispatched order: carrier, tracking, shipped lines. nil when not dispatched.
    func shipment(for order: WarehouseOrder) async throws -> WarehouseShipment?
    /// Shipments of many dispatched orders by order id, in bulk (one search, not one call per order). Orders
    /// without one are left out.
    func shipments(for orders: [WarehouseOrder]) async throws -> [String: WarehouseShipment]
    /// Cancels (deletes) the order when the warehouse still allows it.
    func cancelOrder(id: String) async throws -> WarehouseCancelResult
    /// Warehouses the wizard can check typed names against. CartonCloud cannot list warehouses, so these are the
    /// warehouses of the customer's recent orders (one search page): a name missing here may still exist.
    func knownWarehouses() async throws -> [IntegrationConfig.WarehouseRef]
}

extension Warehouse {
    public var unmappedCarrier: String? { nil }
}

/// A failure talking to a warehouse, already classified.
public enum WarehouseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Worth retrying later without a person (throttling, 5xx, timeouts, connection loss, a garbled answer).
    case transient(code: ReasonCode, message: String)
    /// A person must act; `code` groups like failures (credentials, a missing role, a refused order, …).
    case permanent(code: ReasonCode, message: String)

    public var description: String {
        switch self {
        case .transient(_, let message), .permanent(_, let message): message
        }
    }
}

/// An order as the engine hands it to a warehouse, mapped from a Cin7 sale (see `OrderMapper`).
public struct WarehouseOrderRequest: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var sku: String
        public var name: String
        public var quantity: Double

        public init(sku: String, name: String, quantity: Double) {
            self.sku = sku
            self.name = name
            self.quantity = quantity
        }
    }

    public struct Address: Sendable, Codable, Equatable {
        public var companyName: String?
        public var contactName: String?
        public var address1: String?
        public var address2: String?
        public var suburb: String?
        public var city: String?
        /// Set when the Cin7 state is a short code (`VIC`).
        public var stateCode: String?
        /// Set otherwise (`Victoria`).
        public var stateName: String?
        public var postcode: String?
        /// ISO 3166-1 alpha-2.
        public var countryCode: String?
        public var phone: String?
        public var email: String?

        public init() {}
    }

    public var reference: String
    public var warehouse: IntegrationConfig.WarehouseRef
    public var address: Address
    public var instructions: String?
    /// A calendar date in the Cin7 account's own calendar, never shifted.
    public var requiredDate: CalendarDate?
    public var customerReference: String?
    public var cin7OrderNumber: String
    public var lines: [Line]

    public init(
        reference: String,
        warehouse: IntegrationConfig.WarehouseRef,
        address: Address,
        instructions: String?,
        requiredDate: CalendarDate?,
        customerReference: String?,
        cin7OrderNumber: String,
        lines: [Line]
    ) {
        self.reference = reference
        self.warehouse = warehouse
        self.address = address
        self.instructions = instructions
        self.requiredDate = requiredDate
        self.customerReference = customerReference
        self.cin7OrderNumber = cin7OrderNumber
        self.lines = lines
    }
}

/// A warehouse order as the engine sees it.
public struct WarehouseOrder: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case open
        case inProgress = "in_progress"
        case packed, dispatched, rejected, cancelled, unknown
    }

    public var id: String
    public var reference: String
    public var status: Status
    /// The warehouse's own word for it (`AWAITING_PICK_AND_PACK`).
    public var statusText: String
    public var rejectionReasons: [String]
    public var modifiedAt: Date?
    public var dispatchedAt: Date?
    /// The order's own product codes (SKUs), as the warehouse lists them.
    public var skus: [String]

    public init(
        id: String,
        reference: String,
        status: Status,
        statusText: String,
        rejectionReasons: [String] = [],
        modifiedAt: Date? = nil,
        dispatchedAt: Date? = nil,
        skus: [String] = []
    ) {
        self.id = id
        self.reference = reference
        self.status = status
        self.statusText = statusText
        self.rejectionReasons = rejectionReasons
        self.modifiedAt = modifiedAt
        self.dispatchedAt = dispatchedAt
        self.skus = skus
    }
}

/// What the warehouse shipped.
public struct WarehouseShipment: Sendable, Codable, Equatable {
    /// One parcel of a shipment that went in several, with its own carrier and tracking.
    public struct Package: Sendable, Codable, Equatable {
        public var carrier: String?
        public var trackingNumber: String
        public var trackingURL: String?

        public init(carrier: String?, trackingNumber: String, trackingURL: String? = nil) {
            self.carrier = carrier
            self.trackingNumber = trackingNumber
            self.trackingURL = trackingURL
        }
    }

    /// The carrier, tracking and URL of the shipment, or of its first package when it went in several.
    public var carrier: String?
    public var trackingNumber: String?
    public var trackingURL: String?
    public var dispatchedAt: Date?
    /// Shipped quantity per SKU, when the warehouse reports it (nil: everything ordered was shipped).
    public var shippedQuantities: [String: Double]?
    /// Every package when the shipment went in more than one (all their tracking numbers reach Cin7); nil when
    /// the fields above describe the only one.
    public var packages: [Package]?
    /// Every label of the shipment was voided after it was reported (ShipStation keeps voided labels, and they are not
    /// shipments): the goods may not have gone after all.
    public var labelsVoided: Bool?

    public init(
        carrier: String? = nil,
        trackingNumber: String? = nil,
        trackingURL: String? = nil,
        dispatchedAt: Date? = nil,
        shippedQuantities: [String: Double]? = nil,
        packages: [Package]? = nil,
        labelsVoided: Bool? = nil
    ) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.dispatchedAt = dispatchedAt
        self.shippedQuantities = shippedQuantities
        self.packages = packages
        self.labelsVoided = labelsVoided
    }

    public var hasTracking: Bool { !(trackingNumber ?? "").isEmpty }

    /// Every tracking number, one per package, without blanks or repeats.
    public var trackingNumbers: [String] {
        let all = packages.map { $0.map(\.trackingNumber) } ?? [trackingNumber].compactMap { $0 }
        var seen = Set<String>()
        return all.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

public enum WarehouseCreateResult: Sendable, Equatable {
    case created(WarehouseOrder)
    /// Created, but the warehouse rejected it (unknown product…): a person must act.
    case rejected(WarehouseOrder, reasons: [String])
    /// An order with this reference already exists.
    case duplicate(existingID: String)
}

public enum WarehouseCancelResult: Sendable, Equatable {
    case cancelled
    case notAllowed(status: String)
}

/// The outcome of a connection test, check by check, as the wizard shows it.
public struct ConnectionReport: Sendable, Equatable {
    public struct Check: Sendable, Equatable {
        public var name: String
        public var ok: Bool
        public var detail: String

        public init(name: String, ok: Bool, detail: String) {
            self.name = name
            self.ok = ok
            self.detail = detail
        }
    }

    public var checks: [Check]

    public init(checks: [Check] = []) {
        self.checks = checks
    }

    public var ok: Bool { !checks.isEmpty && checks.allSatisfy(\.ok) }
    /// The first failing check's detail: what to fix.
    public var firstProblem: String? { checks.first { !$0.ok }?.detail }
}
