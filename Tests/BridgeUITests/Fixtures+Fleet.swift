import Foundation

@testable import BridgeUI
@testable import SyncEngine

/// A 3PL's Integrations screen: hundreds of integrations, one per client, on three platforms.
extension Fixtures {
    static let clientKinds = ["Outdoor", "Pharma", "Books", "Coffee"]
    static let platformCycle: [WarehousePlatform] = [.cartonCloud, .shipStation, .starshipit]

    /// `count` integrations: every 50th down, every other 20th with orders needing attention, every other 45th
    /// paused, the rest healthy (at 500: 10 down, 20 attention, 8 paused, 462 healthy, 250 orders needing
    /// attention).
    static func fleetRows(_ count: Int) -> (rows: [IntegrationHealth], platforms: [Int64: WarehousePlatform]) {
        var rows: [IntegrationHealth] = []
        var platforms: [Int64: WarehousePlatform] = [:]
        for i in 1...count {
            let name = String(format: "Client %03d ", i) + clientKinds[i % clientKinds.count]
            let row: IntegrationHealth
            if i % 50 == 0 {
                row = health(
                    Int64(i),
                    name,
                    level: .error,
                    problems: ["Not syncing: no cin7bridge process owns this integration. Start `cin7bridge run` (or the systemd unit)."],
                    inFlight: 3,
                    lastPoll: 900
                )
            } else if i % 20 == 0 {
                row = health(
                    Int64(i),
                    name,
                    level: .warning,
                    problems: ["\(i / 20) orders need attention: open the dashboard or run `cin7bridge orders --state needs_attention`"],
                    inFlight: 2,
                    failed: i / 20
                )
            } else if i % 45 == 0 {
                row = health(Int64(i), name, enabled: false, level: .paused, lastPoll: 7200)
            } else {
                row = health(Int64(i), name, inFlight: i % 4)
            }
            rows.append(row)
            platforms[Int64(i)] = platformCycle[i % platformCycle.count]
        }
        return (rows, platforms)
    }

    /// The Integrations screen with `count` integrations loaded (sorted by health, the default).
    static func fleetState(_ count: Int = 500) -> AppState {
        var s = AppState(env: env, now: now)
        let fleet = fleetRows(count)
        _ = reduce(&s, .homeLoaded(fleet.rows, running: [], elsewhere: [:], platforms: fleet.platforms))
        return s
    }
}
