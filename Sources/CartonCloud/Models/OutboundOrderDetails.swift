import BridgeSupport

/// `details` of an outbound order.
public struct OutboundOrderDetails: LenientDecodable, Sendable, Hashable {
    public struct Collect: LenientDecodable, Sendable, Hashable {
        /// `YYYY-MM-DD`.
        public var requiredDate: String?
    }

    public struct Deliver: LenientDecodable, Sendable, Hashable {
        public var address: Address?
        public var method: DeliveryMethod?
        public var instructions: String?
        public var requiredDate: String?
    }

    public var urgent: Bool?
    public var instructions: String?
    public var collect: Collect?
    public var deliver: Deliver?
    public var allowSplitting: Bool?
    public var errors: [ErrorReference]?
}
