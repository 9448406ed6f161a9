/// The body of a 401 (shipstation-api.md L53: "empty or plain body"; the real one was not captured).
public enum ShipStationUnauthorizedBody: Sendable, Equatable {
    case empty
    /// `401 Unauthorized` as plain text.
    case plainText
}
