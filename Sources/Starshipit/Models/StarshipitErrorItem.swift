import BridgeSupport

/// One entry of the envelope's `errors` (starshipit-api.md L68): `{message, details}`.
public struct StarshipitErrorItem: LenientDecodable, Sendable, Hashable {
    public var message: String?
    public var details: String?

    public init(message: String?, details: String?) {
        self.message = message
        self.details = details
    }

    enum CodingKeys: String, CodingKey {
        case message, details
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        details = try container.decodeIfPresent(String.self, forKey: .details)
    }

    /// `message: details`, or whichever is set.
    public var text: String {
        [message, details].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ": ")
    }
}
