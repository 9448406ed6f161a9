import BridgeSupport

/// `details.deliver.method` as CartonCloud echoes it.
public struct DeliveryMethod: LenientDecodable, Sendable, Hashable {
    public var type: String?
    public var requestedService: String?
}
