import BridgeSupport

/// `timestamps` of an order or consignment.
public struct Timestamps: LenientDecodable, Sendable, Hashable {
    public var created: Timestamp?
    public var modified: Timestamp?
    public var packed: Timestamp?
    public var dispatched: Timestamp?
}
