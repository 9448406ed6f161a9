import Foundation
import PostgresNIO

extension PostgresStore {
    public func appendAudit(_ entries: [AuditEntry]) throws {
        guard !entries.isEmpty else { return }
        // Not fenced: the calls a process made stay on record even when it has since lost the integration.
        try write(fenced: false) { connection in
            for entry in entries { try await connection.insert(entry, into: "audit") }
        }
    }

    public func timeline(unitID: Int64, limit: Int) throws -> [AuditEntry] {
        try read { connection in
            try await connection.records(
                AuditEntry.self,
                #"SELECT row_to_json(a)::text FROM audit a WHERE "unitID" = $1 ORDER BY "id" DESC LIMIT $2"#,
                [unitID, limit]
            )
        }.reversed()
    }

    public func recentAudit(integrationID: Int64, limit: Int) throws -> [AuditEntry] {
        try read { connection in
            try await connection.records(
                AuditEntry.self,
                #"SELECT row_to_json(a)::text FROM audit a WHERE "integrationID" = $1 ORDER BY "id" DESC LIMIT $2"#,
                [integrationID, limit]
            )
        }
    }

    public func auditCount() throws -> Int {
        try read { try await $0.column(Int64.self, "SELECT count(*) FROM audit").first.map(Int.init) ?? 0 }
    }

    public func oldestAuditDate() throws -> Date? {
        try read { try await $0.column(Date?.self, #"SELECT min("at") FROM audit"#).first ?? nil }
    }

    @discardableResult
    public func pruneAudit(before date: Date) throws -> Int {
        try write { connection in
            try await connection.column(
                Int64.self,
                #"WITH gone AS (DELETE FROM audit WHERE "at" < $1 RETURNING 1) SELECT count(*) FROM gone"#,
                [date]
            )
            .first.map(Int.init) ?? 0
        }
    }

    @discardableResult
    public func pruneAudit(before date: Date, integrationID: Int64) throws -> Int {
        try write { connection in
            try await connection.column(
                Int64.self,
                #"WITH gone AS (DELETE FROM audit WHERE "integrationID" = $1 AND "at" < $2 RETURNING 1) SELECT count(*) FROM gone"#,
                [integrationID, date]
            ).first.map(Int.init) ?? 0
        }
    }

    // MARK: Operator commands

    @discardableResult
    public func enqueue(_ command: OperatorCommand) throws -> OperatorCommand {
        try write { connection in
            var command = command
            command.id = try await connection.insert(command, into: "command")
            try await connection.insert(command.askedEntry, into: "audit")
            return command
        }
    }

    public func pendingCommands(integrationID: Int64) throws -> [OperatorCommand] {
        try read { connection in
            try await connection.records(
                OperatorCommand.self,
                #"SELECT row_to_json(c)::text FROM command c WHERE "integrationID" = $1 AND "doneAt" IS NULL ORDER BY "id""#,
                [integrationID]
            )
        }
    }

    public func integrationsWithPendingCommands() throws -> Set<Int64> {
        try read { connection in
            Set(try await connection.column(Int64.self, #"SELECT DISTINCT "integrationID" FROM command WHERE "doneAt" IS NULL"#))
        }
    }

    public func finishCommand(_ command: OperatorCommand, report: OperatorCommand.Report, now: Date) throws {
        guard let id = command.id else { return }
        try write { connection in
            try await connection.run(
                #"UPDATE command SET "doneAt" = $1, "result" = $2, "outcome" = $3 WHERE "id" = $4"#,
                [now, report.message, report.outcome.rawValue, id]
            )
            if report.outcome == .refused {
                try await connection.insert(command.refusedEntry(report, at: now), into: "audit")
            }
        }
    }

    public func command(id: Int64) throws -> OperatorCommand? {
        try read { connection in
            try await connection.records(OperatorCommand.self, #"SELECT row_to_json(c)::text FROM command c WHERE "id" = $1"#, [id]).first
        }
    }

    // MARK: Leases and status

    /// The lease row is locked (`FOR UPDATE`) while deciding, so two hosts never both take it; when there is no row,
    /// the insert that loses the race inserts nothing and is refused.
    public func acquireLease(integrationID: Int64, holder: String, host: String, pid: Int32, now: Date, timeout: TimeInterval) throws -> Lease? {
        try write(fenced: false) { connection in
            let leases = try await connection.records(
                Lease.self,
                #"SELECT row_to_json(l)::text FROM lease l WHERE "integrationID" = $1 FOR UPDATE"#,
                [integrationID]
            )
            let lease = Lease(integrationID: integrationID, holder: holder, host: host, pid: pid, heartbeatAt: now, generation: 1)
            if var current = leases.first {
                if !current.isFree, current.holder != holder {
                    let sameHostDead = current.host == host && !ProcessProbe.isAlive(pid: current.pid)
                    let stale = now.timeIntervalSince(current.heartbeatAt) > timeout
                    guard sameHostDead || stale else { return nil }
                }
                if current.holder != holder { current.generation += 1 }
                try await connection.run(
                    #"UPDATE lease SET "holder" = $2, "host" = $3, "pid" = $4, "heartbeatAt" = $5, "generation" = $6 WHERE "integrationID" = $1"#,
                    [integrationID, holder, host, Int64(pid), now, current.generation]
                )
                return Lease(integrationID: integrationID, holder: holder, host: host, pid: pid, heartbeatAt: now, generation: current.generation)
            }
            let inserted = try await connection.column(
                Int64.self,
                """
                INSERT INTO lease ("integrationID", "holder", "host", "pid", "heartbeatAt", "generation") VALUES ($1, $2, $3, $4, $5, 1)
                ON CONFLICT ("integrationID") DO NOTHING RETURNING "integrationID"
                """,
                [integrationID, holder, host, Int64(pid), now]
            )
            return inserted.isEmpty ? nil : lease
        }
    }

    public func renewLeases(_ held: [LeaseFence], now: Date) throws -> Set<Int64> {
        guard !held.isEmpty else { return [] }
        return try write(fenced: false) { connection in
            let renewed = try await connection.column(
                Int64.self,
                """
                UPDATE lease l SET "heartbeatAt" = $1 FROM unnest($2::bigint[], $3::bigint[]) AS h(id, generation)
                WHERE l."integrationID" = h.id AND l."generation" = h.generation AND l."holder" <> '' RETURNING l."integrationID"
                """,
                [now, held.map(\.integrationID), held.map(\.generation)]
            )
            return Set(renewed)
        }
    }

    public func releaseLease(integrationID: Int64, holder: String) throws {
        try write(fenced: false) {
            try await $0.run(
                #"UPDATE lease SET "holder" = '', "host" = '', "pid" = 0, "heartbeatAt" = $3 WHERE "integrationID" = $1 AND "holder" = $2"#,
                [integrationID, holder, Date(timeIntervalSince1970: 0)]
            )
        }
    }

    public func lease(integrationID: Int64) throws -> Lease? {
        try read { connection in
            try await connection.records(
                Lease.self,
                #"SELECT row_to_json(l)::text FROM lease l WHERE "integrationID" = $1 AND "holder" <> ''"#,
                [integrationID]
            ).first
        }
    }

    public func leases() throws -> [Lease] {
        try read { try await $0.records(Lease.self, #"SELECT row_to_json(l)::text FROM lease l WHERE "holder" <> ''"#) }
    }

    public func beat(_ host: EngineHostRecord) throws {
        try write(fenced: false) { connection in
            try await connection.run(
                """
                INSERT INTO engine_host ("id", "host", "pid", "startedAt", "heartbeatAt") VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = EXCLUDED."heartbeatAt"
                """,
                [host.id, host.host, Int64(host.pid), host.startedAt, host.heartbeatAt]
            )
            try await connection.run(#"DELETE FROM engine_host WHERE "heartbeatAt" < $1"#, [host.heartbeatAt.addingTimeInterval(-86_400)])
        }
    }

    public func hosts(since: Date) throws -> [EngineHostRecord] {
        try read { connection in
            try await connection.records(
                EngineHostRecord.self,
                #"SELECT row_to_json(h)::text FROM engine_host h WHERE "heartbeatAt" > $1 ORDER BY "startedAt", "id""#,
                [since]
            )
        }
    }

    public func removeHost(id: String) throws {
        try write(fenced: false) { try await $0.run(#"DELETE FROM engine_host WHERE "id" = $1"#, [id]) }
    }

    public func saveStatus(_ status: IntegrationStatus) throws {
        let json = String(decoding: try JSONEncoder.bridge.encode(status), as: UTF8.self)
        try write { connection in
            try await connection.run(
                #"INSERT INTO engine_status ("integrationID", "status") VALUES ($1, $2) ON CONFLICT ("integrationID") DO UPDATE SET "status" = EXCLUDED."status""#,
                [status.integrationID, json]
            )
        }
    }

    public func status(integrationID: Int64) throws -> IntegrationStatus? {
        let json = try read { connection in
            try await connection.column(String.self, #"SELECT "status" FROM engine_status WHERE "integrationID" = $1"#, [integrationID]).first
        }
        return json.flatMap { try? JSONDecoder.bridge.decode(IntegrationStatus.self, from: Data($0.utf8)) }
    }
}
