import BridgeSupport

/// `address.state` as CartonCloud echoes it.
public struct StateRef: LenientDecodable, Sendable, Hashable {
    public var code: String?
    public var name: String?
}
