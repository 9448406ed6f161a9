import BridgeSupport

/// A customer, warehouse or product as referenced or echoed (`id`, `name`, `references.code`).
public struct EntityReference: LenientDecodable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var references: References?
    public var enabled: Bool?
}
