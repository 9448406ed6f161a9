/// A date filter sent with `Z` or an offset (shipstation-api.md L97-L98: the generated pages show `Z`, real traffic
/// has none; the behaviour on input was not found).
public enum ShipStationZuluDates: Sendable, Equatable {
    /// Read the offset as written.
    case readAsUTC
    /// 400, as an ASP.NET model-binding error.
    case rejected
}
