import Foundation
import PostgresNIO

extension PostgresStore {
    /// What the database announces (`LISTEN/NOTIFY`, from triggers of migration v5).
    enum Channel: String {
        /// A command was queued; the payload is its integration's id.
        case commands = "cin7bridge_commands"
        /// Something a viewer shows changed (integrations, orders, timelines, commands, statuses, reconciliations).
        case changes = "cin7bridge_changes"
    }

    /// Listens on `channel` until the returned task is cancelled, calling `received` with each payload, and with nil
    /// each time listening (re)starts, since anything announced while it was not listening was missed. A dropped
    /// connection is retried every second; those who listen poll as well, so nothing waits on it alone.
    func follow(_ channel: Channel, _ received: @escaping @Sendable (String?) -> Void) -> Task<Void, Never> {
        Task(executorPreference: PostgresExecutor.shared) { [client, logger] in
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: channel.rawValue) { notifications in
                            received(nil)
                            for try await notification in notifications { received(notification.payload) }
                        }
                    }
                } catch {
                    if !Task.isCancelled { logger.debug("listening stopped", metadata: ["channel": "\(channel.rawValue)", "error": "\(error)"]) }
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    public func followCommands(_ queued: @escaping @Sendable (Int64?) -> Void) -> Task<Void, Never>? {
        follow(.commands) { payload in queued(payload.flatMap { Int64($0) }) }
    }
}
