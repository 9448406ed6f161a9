import BridgeSupport

/// One element of CartonCloud's error array: `{"message","field","type","details"}`.
public struct APIErrorItem: LenientDecodable, Sendable, Hashable {
    struct Details: LenientDecodable, Sendable, Hashable {
        var duplicateId: String?
    }

    public var message: String?
    public var field: String?
    public var type: String?
    public var code: String?
    var details: Details?

    /// `details.duplicateId`: the order a DUPLICATE answer refers to.
    public var duplicateId: String? { details?.duplicateId }

    /// `field: message` for people.
    public var text: String {
        let message = message ?? "(no message)"
        if let field, !field.isEmpty { return "\(field): \(message)" }
        return message
    }
}
