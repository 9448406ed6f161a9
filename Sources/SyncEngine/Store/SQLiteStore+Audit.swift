import Foundation
import GRDB

extension SQLiteStore {
    /// Appends entries in one transaction.
    /// Records `entries` within a moment, in one transaction with the other engines' (`WriteBatch`).
    public func appendAuditSoon(_ entries: [AuditEntry]) {
        auditBatch.add(entries) { _ in nil }
    }

    public func appendAudit(_ entries: [AuditEntry]) throws {
        guard !entries.isEmpty else { return }
        // What was recorded to be written soon goes first, so the log keeps the order things happened in.
        try auditBatch.flush()
        // Not fenced: the calls a process made stay on record even when it has since lost the integration.
        try write(fenced: false) { db in
            for var entry in entries { try entry.insert(db) }
        }
    }

    /// One order's timeline, oldest first (the last `limit` entries).
    public func timeline(unitID: Int64, limit: Int) throws -> [AuditEntry] {
        try read { db in
            try AuditEntry.filter(Column("unitID") == unitID).order(Column("id").desc).limit(limit).fetchAll(db).reversed()
        }
    }

    /// The integration's most recent entries, newest first.
    public func recentAudit(integrationID: Int64, limit: Int) throws -> [AuditEntry] {
        try read { db in
            try AuditEntry.filter(Column("integrationID") == integrationID).order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// How many audit rows the store keeps, every integration's.
    public func auditCount() throws -> Int {
        try read { db in try AuditEntry.fetchCount(db) }
    }

    /// When the oldest audit row still kept was written (nil when there is none): what retention leaves.
    public func oldestAuditDate() throws -> Date? {
        try read { db in try Date.fetchOne(db, AuditEntry.select(min(Column("at")))) }
    }

    /// Deletes audit rows older than `date` (audit retention); returns how many.
    @discardableResult
    public func pruneAudit(before date: Date) throws -> Int {
        try write { db in
            try AuditEntry.filter(Column("at") < date).deleteAll(db)
        }
    }

    /// Deletes one integration's audit rows older than `date`; returns how many.
    @discardableResult
    public func pruneAudit(before date: Date, integrationID: Int64) throws -> Int {
        try write { db in
            try AuditEntry.filter(Column("integrationID") == integrationID && Column("at") < date).deleteAll(db)
        }
    }
}

extension SQLiteStore {
    /// Queues an operator command for whichever engine owns the integration; also audited.
    @discardableResult
    public func enqueue(_ command: OperatorCommand) throws -> OperatorCommand {
        try write { db in
            var command = command
            try command.insert(db)
            var entry = command.askedEntry
            try entry.insert(db)
            return command
        }
    }

    public func pendingCommands(integrationID: Int64) throws -> [OperatorCommand] {
        try read { db in
            let select = try db.cachedStatement(sql: "SELECT * FROM command WHERE integrationID = ? AND doneAt IS NULL ORDER BY id")
            return try OperatorCommand.fetchAll(select, arguments: [integrationID])
        }
    }

    /// The integrations with a command waiting for an answer: one query for every integration of a host, so the
    /// host can wake their engines when another process (a viewer, the command line) queued something.
    public func integrationsWithPendingCommands() throws -> Set<Int64> {
        try read { db in
            Set(try Int64.fetchAll(db, OperatorCommand.filter(Column("doneAt") == nil).select(Column("integrationID")).distinct()))
        }
    }

    /// Records the engine's answer to a command, and on the order's timeline when it was refused.
    public func finishCommand(_ command: OperatorCommand, report: OperatorCommand.Report, now: Date) throws {
        guard let id = command.id else { return }
        try write { db in
            try db.execute(
                sql: "UPDATE command SET doneAt = ?, result = ?, outcome = ? WHERE id = ?",
                arguments: [now, report.message, report.outcome.rawValue, id]
            )
            if report.outcome == .refused {
                var entry = command.refusedEntry(report, at: now)
                try entry.insert(db)
            }
        }
    }

    /// SQLite cannot announce a commit to other processes: they poll.
    public func followCommands(_ queued: @escaping @Sendable (Int64?) -> Void) -> Task<Void, Never>? { nil }

    public func command(id: Int64) throws -> OperatorCommand? {
        try read { db in try OperatorCommand.fetchOne(db, key: id) }
    }
}

extension SQLiteStore {
    public func acquireLease(integrationID: Int64, holder: String, host: String, pid: Int32, now: Date, timeout: TimeInterval) throws -> Lease? {
        try write(fenced: false) { db in
            let current = try Lease.fetchOne(db, key: integrationID)
            if let lease = current, !lease.isFree, lease.holder != holder {
                let sameHostDead = lease.host == host && !ProcessProbe.isAlive(pid: lease.pid)
                let stale = now.timeIntervalSince(lease.heartbeatAt) > timeout
                guard sameHostDead || stale else { return nil }
            }
            let generation = current.map { $0.holder == holder ? $0.generation : $0.generation + 1 } ?? 1
            let lease = Lease(integrationID: integrationID, holder: holder, host: host, pid: pid, heartbeatAt: now, generation: generation)
            try lease.save(db)
            return lease
        }
    }

    public func renewLeases(_ held: [LeaseFence], now: Date) throws -> Set<Int64> {
        guard !held.isEmpty else { return [] }
        return try write(fenced: false) { db in
            var renewed: Set<Int64> = []
            let update = try db.cachedStatement(sql: "UPDATE lease SET heartbeatAt = ? WHERE integrationID = ? AND generation = ? AND holder != ''")
            for fence in held {
                try update.execute(arguments: [now, fence.integrationID, fence.generation])
                if db.changesCount > 0 { renewed.insert(fence.integrationID) }
            }
            return renewed
        }
    }

    public func releaseLease(integrationID: Int64, holder: String) throws {
        try write(fenced: false) { db in
            try db.execute(
                sql: "UPDATE lease SET holder = '', host = '', pid = 0, heartbeatAt = ? WHERE integrationID = ? AND holder = ?",
                arguments: [Date(timeIntervalSince1970: 0), integrationID, holder]
            )
        }
    }

    public func lease(integrationID: Int64) throws -> Lease? {
        try read { db in try Lease.fetchOne(db, key: integrationID) }.flatMap { $0.isFree ? nil : $0 }
    }

    public func leases() throws -> [Lease] {
        try read { db in try Lease.filter(sql: "holder != ''").fetchAll(db) }
    }

    public func beat(_ host: EngineHostRecord) throws {
        try write(fenced: false) { db in
            try host.save(db)
            try db.execute(sql: "DELETE FROM engine_host WHERE heartbeatAt < ?", arguments: [host.heartbeatAt.addingTimeInterval(-86_400)])
        }
    }

    public func hosts(since: Date) throws -> [EngineHostRecord] {
        try read { db in try EngineHostRecord.filter(sql: "heartbeatAt > ?", arguments: [since]).order(sql: "startedAt, id").fetchAll(db) }
    }

    public func removeHost(id: String) throws {
        try write(fenced: false) { db in _ = try EngineHostRecord.deleteOne(db, key: id) }
    }

    /// Publishes the owning engine's status for viewers, `status` and health checks.
    public func saveStatus(_ status: IntegrationStatus) throws {
        try statusBatch.flush(with: status, key: status.integrationID)
    }

    /// Publishes the status within a moment, in one transaction with the other engines' (`WriteBatch`).
    public func saveStatusSoon(_ status: IntegrationStatus) {
        statusBatch.add([status]) { $0.integrationID }
    }

    public func status(integrationID: Int64) throws -> IntegrationStatus? {
        if let waiting = statusBatch.waitingItem(integrationID) { return waiting }
        return try read { db in
            guard let row = try EngineStatusRow.fetchOne(db, key: integrationID) else { return nil }
            return try? JSONDecoder.bridge.decode(IntegrationStatus.self, from: Data(row.status.utf8))
        }
    }
}
