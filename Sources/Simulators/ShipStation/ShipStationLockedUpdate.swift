/// What an upsert onto a shipped or cancelled order answers (shipstation-api.md L153-L154: "locked from modification
/// through the API"; the answer was not found).
public enum ShipStationLockedUpdate: Sendable, Equatable {
    /// 200 with the order unchanged (the notes' default).
    case unchanged
    /// 400 with an ASP.NET `ModelState` body (L72-L75).
    case badRequest
}
