import Hummingbird

/// A request as the handlers read it.
struct ShipStationRequest: Sendable {
    var method: String
    var query: [String: String]
    var body: [UInt8]
    /// The `:id` of the path, when it has one.
    var id: String?

    var json: SimJSON? { SimJSON.decoded(body) }
}
