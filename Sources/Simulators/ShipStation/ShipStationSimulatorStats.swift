/// What the simulator saw.
public struct ShipStationSimulatorStats: Sendable, Equatable {
    public var requests = 0
    /// Orders created by `createorder`.
    public var creates = 0
    /// Upserts that changed an existing order.
    public var updates = 0
    /// Upserts refused or ignored because the order was locked.
    public var lockedUpdates = 0
    public var unauthorized = 0
    /// 429 answers.
    public var rateLimited = 0
    public var deletes = 0
    public var faultsInjected: [String: Int] = [:]
    /// Requests by end point, ids replaced by `{id}` (`GET /shipments`, `GET /orders/{id}`).
    public var byEndpoint: [String: Int] = [:]

    public init() {}
}
