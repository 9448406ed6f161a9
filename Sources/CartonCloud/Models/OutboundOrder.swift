import BridgeSupport

/// An outbound (sale) order as CartonCloud returns it. An order without an `id` reads with an empty one.
public struct OutboundOrder: LenientDecodable, Sendable, Hashable, Identifiable {
    public var id: String
    public var type: String?
    public var status: OutboundOrderStatus?
    public var version: Int?
    public var references: References?
    public var customer: EntityReference?
    public var warehouse: EntityReference?
    public var details: OutboundOrderDetails?
    public var items: [OutboundOrderItem]?
    public var timestamps: Timestamps?

    /// `references.customer`: the reference we sent (the Cin7 order number).
    public var reference: String? { references?.customer }
    /// `details.errors[].message` (why a 228 order is REJECTED).
    public var errorMessages: [String] { (details?.errors ?? []).compactMap(\.message) }
    public var isRejected: Bool { status == .rejected }
    public var isDispatched: Bool { status == .dispatched }
}
