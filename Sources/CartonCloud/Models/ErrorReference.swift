import BridgeSupport

/// One of `details.errors`: why an order is REJECTED.
public struct ErrorReference: LenientDecodable, Sendable, Hashable {
    public var message: String?
    public var isResolved: Bool?
}
