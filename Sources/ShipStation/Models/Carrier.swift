import BridgeSupport

/// A connected carrier account, `GET /carriers` (shipstation-api.md §13, L289).
public struct Carrier: LenientDecodable, Sendable, Hashable {
    public var name: String?
    /// `stamps_com`, `ups`, `fedex`, …
    public var code: String?
    public var accountNumber: String?
    public var nickname: String?
    public var primary: Bool?
}
