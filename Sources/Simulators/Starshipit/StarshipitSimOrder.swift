import Foundation

/// A package of a simulated order: a label printed for it gives it a tracking number (starshipit-api.md L156, L358).
public struct StarshipitSimPackage: Sendable, Equatable {
    public var packageID: Int
    public var name: String
    public var weight: Double
    public var carrierServiceCode: String
    public var carrierServiceName: String
    public var trackingNumber: String
    public var trackingURL: String
    public var labelCreatedDate: Date
}

/// A line of a simulated order.
public struct StarshipitSimItem: Sendable, Equatable {
    public var itemID: Int
    public var sku: String
    public var description: String
    public var quantity: Double
}

/// An order as the simulator keeps it.
public struct StarshipitSimOrder: Sendable {
    public var orderID: Int
    public var orderNumber: String
    public var reference: String?
    public var orderDate: Date
    /// `Unshipped`, `Printed`, `Shipped`, `Delivered` (L234, L246).
    public var status: String
    public var manifested: Bool
    public var archived: Bool
    /// Removed by `DELETE /api/orders/delete`.
    public var deleted: Bool
    public var carrier: String?
    public var carrierName: String?
    public var carrierServiceCode: String?
    public var items: [StarshipitSimItem]
    public var packages: [StarshipitSimPackage]
    /// What the `since_last_updated` filters compare with (no such field is returned, L204).
    public var lastUpdated: Date
    public var printedAt: Date?
    /// The create request's `order` object, echoed back (destination, shipping method, …).
    public var request: SimJSON

    /// Not deleted and not archived: what the invariant "one live order per order number" counts.
    public var isLive: Bool { !deleted && !archived }
}

public struct StarshipitSimulatorStats: Sendable, Equatable {
    public var requests = 0
    public var creates = 0
    public var duplicatesRefused = 0
    /// 429 answers.
    public var rateLimited = 0
    public var deletes = 0
    public var unauthorized = 0
    public var faultsInjected: [String: Int] = [:]
    /// Requests by end point (`GET /api/orders/shipped`), counted before any check.
    public var byEndpoint: [String: Int] = [:]

    public init() {}
}
