import BridgeSupport

/// A consignment (tracking lives here, not on the order).
public struct Consignment: LenientDecodable, Sendable, Hashable, Identifiable {
    public struct Tracking: LenientDecodable, Sendable, Hashable {
        /// Documented as `companyName`; the Get-Quote example spells it `company`.
        public var companyName: String?
        public var company: String?
        public var url: String?
    }

    public struct Details: LenientDecodable, Sendable, Hashable {
        public var type: String?
        public var tracking: Tracking?
    }

    public var id: String
    public var type: String?
    public var status: String?
    public var version: Int?
    public var references: References?
    public var customer: EntityReference?
    public var generatedFromTask: EntityReference?
    public var details: Details?
    public var items: [OutboundOrderItem]?
    public var timestamps: Timestamps?

    /// `references.tracking`.
    public var trackingNumber: String? { references?.tracking.flatMap { $0.isEmpty ? nil : $0 } }
    /// `details.tracking.companyName` (or `company`).
    public var carrierName: String? {
        (details?.tracking?.companyName ?? details?.tracking?.company).flatMap { $0.isEmpty ? nil : $0 }
    }
    /// `details.tracking.url`.
    public var trackingURL: String? { details?.tracking?.url.flatMap { $0.isEmpty ? nil : $0 } }
}
