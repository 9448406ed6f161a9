/// A `pageSize` over 500 (shipstation-api.md L26, L193 "max 500"; the answer is not documented).
public enum ShipStationOversizedPage: Sendable, Equatable {
    case clampTo500
    case rejected
}
