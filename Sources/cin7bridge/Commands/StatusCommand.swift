import ArgumentParser
import Foundation
import SyncEngine

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each integration's health, queues and polling.",
        discussion:
            "With --check, exit 1 when any integration is unhealthy (polling lagging, orders stuck, orders needing attention) or there is none, for cron or a monitor."
    )

    @OptionGroup var data: DataOptions
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "Exit non-zero when any integration is unhealthy.") var check = false

    func run() async throws {
        let store = try data.openExistingStore()
        // One read for every integration (a fixed number of queries, however many there are).
        let health = try IntegrationHealth.all(store: store)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(health), as: UTF8.self))
        } else if health.isEmpty {
            print("No integrations yet. Create one with `cin7bridge tui` (or `cin7bridge config import FILE`).")
        } else {
            print(HealthTally(health).summary)
            for item in health {
                let marker =
                    switch item.level {
                    case .ok: "[live]"
                    case .paused: "[paused]"
                    case .warning: "[attention]"
                    case .error: "[error]"
                    }
                print(
                    "\(marker) \(item.name): \(item.inFlight) in flight, \(item.failed) need attention; "
                        + (item.owner.map { "run by \($0)" } ?? "not running")
                )
                let queues = Queue.allCases.map { queue in "\(queue.title) \(queue.states.reduce(0) { $0 + (item.counts[$1.rawValue] ?? 0) })" }
                print("    " + queues.joined(separator: " · "))
                if let last = item.lastPollAt {
                    print(
                        "    last poll \(last.formatted(date: .omitted, time: .standard))"
                            + (item.nextPollAt.map { ", next \($0.formatted(date: .omitted, time: .standard))" } ?? "")
                    )
                }
                for problem in item.problems { print("    ! \(problem)") }
            }
        }
        if check && health.isEmpty {
            FileHandle.standardError.write(Data("Nothing to check: no integration in \(store.path).\n".utf8))
            throw ExitCode(1)
        }
        if check && health.contains(where: { !$0.isHealthy }) { throw ExitCode(1) }
    }
}
