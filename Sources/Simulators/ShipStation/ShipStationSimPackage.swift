/// One label the simulated warehouse prints for an order (a test hook, shipstation-api.md L311 "create label").
public struct ShipStationSimPackage: Sendable, Equatable {
    public var carrierCode: String
    public var serviceCode: String?
    public var trackingNumber: String
    /// SKU → quantity in this package; nil puts every order line in it.
    public var items: [String: Int]?

    public init(carrierCode: String, serviceCode: String? = nil, trackingNumber: String, items: [String: Int]? = nil) {
        self.carrierCode = carrierCode
        self.serviceCode = serviceCode
        self.trackingNumber = trackingNumber
        self.items = items
    }
}
