/// How many integrations are at each health level, and the orders needing attention across them: the line at the
/// top of `status` and of the TUI's Integrations screen.
public struct HealthTally: Sendable, Equatable {
    public var total = 0
    /// Syncing with nothing wrong (`IntegrationHealth.Level.ok`).
    public var healthy = 0
    /// Orders need a person, nothing else wrong (`.warning`).
    public var attention = 0
    /// Not syncing, lagging, stuck or failing (`.error`).
    public var down = 0
    public var paused = 0
    /// Orders needing attention, every integration's.
    public var ordersNeedingAttention = 0

    public init(_ rows: [IntegrationHealth]) {
        total = rows.count
        for row in rows {
            switch row.level {
            case .ok: healthy += 1
            case .warning: attention += 1
            case .error: down += 1
            case .paused: paused += 1
            }
            ordersNeedingAttention += row.failed
        }
    }

    /// `500 integrations: 480 healthy, 12 need attention, 5 down, 3 paused; 37 orders need attention`.
    public var summary: String {
        "\(total) integration\(total == 1 ? "" : "s"): \(healthy) healthy, \(attention) need\(attention == 1 ? "s" : "") attention, "
            + "\(down) down, \(paused) paused; \(ordersNeedingAttention) order\(ordersNeedingAttention == 1 ? " needs" : "s need") attention"
    }
}
