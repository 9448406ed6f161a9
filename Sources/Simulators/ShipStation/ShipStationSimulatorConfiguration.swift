import Foundation

/// How the simulated ShipStation account is set up. Where shipstation-api.md is silent or its sources disagree, the
/// behaviour is a switch here, defaulting to what the notes recommend.
public struct ShipStationSimulatorConfiguration: Sendable {
    /// The V1 key pair accepted with Basic auth (shipstation-api.md L16, L49).
    public var apiKey: String = "cin7bridge-demo"
    public var apiSecret: String = ShipStationSimulatorConfiguration.randomSecret()
    /// A second V1 pair (key → secret): an account holds at most two (L34). Each pair has its own rate window (L59).
    public var secondKeyPair: (key: String, secret: String)?
    /// Calls per fixed window per key pair. L59: 40 per minute; L62: the docs' header example shows 60 (conflict), so
    /// it is configurable.
    public var rateLimit: Int = 40
    /// L61: a fixed window counted from its start, 60 s.
    public var rateWindow: TimeInterval = 60
    /// Statuses an upsert may change. L151: `awaiting_payment`, `awaiting_shipment`, `on_hold` (S2, S4); L152: S5 adds
    /// `pending_fulfillment` — insert it for that reading.
    public var updatableStatuses: Set<String> = ["awaiting_payment", "awaiting_shipment", "on_hold"]
    /// The answer to an upsert onto a locked (shipped, cancelled) order: not documented (L154).
    public var lockedUpdate: ShipStationLockedUpdate = .unchanged
    /// Whether voiding the last live label returns the order to `awaiting_shipment`: unconfirmed (L246); the notes'
    /// simulator rule is yes.
    public var voidReopensOrder: Bool = true
    /// The 401 body: not captured (L53: "empty or plain body").
    public var unauthorizedBody: ShipStationUnauthorizedBody = .empty
    /// A filter date sent with `Z`/an offset: behaviour not found (L97-L98).
    public var zuluFilterDates: ShipStationZuluDates = .readAsUTC
    /// A `pageSize` over the documented maximum of 500 (L26, L193): the answer is not documented.
    public var oversizedPage: ShipStationOversizedPage = .clampTo500
    /// An upsert whose `orderKey` belongs only to a soft-deleted order (L213: it "stays in the database as
    /// inactive"): what happens is not documented.
    public var deletedOrderKey: ShipStationDeletedOrderKey = .createsNewOrder
    /// `pageSize` when a list request gives none: not stated; L202 says simulate 100.
    public var defaultPageSize: Int = 100
    /// `GET /warehouses` (L287).
    public var warehouses: [ShipStationSimWarehouse] = [
        ShipStationSimWarehouse(id: 456_789, name: "Main Warehouse", isDefault: true),
        ShipStationSimWarehouse(id: 456_790, name: "East Coast DC"),
    ]
    /// `GET /stores` (L288): the first manual store receives orders that name none.
    public var stores: [ShipStationSimStore] = [
        ShipStationSimStore(id: 12_345, name: "Manual Orders", marketplaceName: "ShipStation"),
        ShipStationSimStore(id: 12_346, name: "Old Shop", marketplaceName: "Shopify", active: false),
    ]
    /// `GET /carriers` (L289).
    public var carriers: [ShipStationSimCarrier] = [
        ShipStationSimCarrier(code: "stamps_com", name: "Stamps.com", primary: true),
        ShipStationSimCarrier(code: "ups", name: "UPS"),
        ShipStationSimCarrier(code: "fedex", name: "FedEx"),
    ]
    public var faults: SimulatorFaults = .none
    public var seed: UInt64 = 3

    public init() {}

    public static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
