import BridgeSupport

/// `{success, message}`: the answer to a delete (shipstation-api.md L214-L215) and hold calls.
public struct OperationResult: LenientDecodable, Sendable, Hashable {
    public var success: Bool?
    public var message: String?
}
