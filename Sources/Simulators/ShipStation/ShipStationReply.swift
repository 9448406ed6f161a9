/// One ShipStation answer before faults are applied.
struct ShipStationReply: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8]

    static func json(_ status: Int, _ value: SimJSON) -> ShipStationReply {
        ShipStationReply(status: status, body: value.encoded())
    }

    /// The ASP.NET model-state body of a 400 (shipstation-api.md L72-L78).
    static func modelState(_ key: String, _ message: String) -> ShipStationReply {
        .json(
            400,
            .object(["Message": .string("The request is invalid."), "ModelState": .object([key: .array([.string(message)])])])
        )
    }

    /// 404 for an unknown or deleted id (L192; body not captured, an ASP.NET `Message` here).
    static func notFound(_ what: String) -> ShipStationReply {
        .json(404, .object(["Message": .string("\(what) not found")]))
    }
}
