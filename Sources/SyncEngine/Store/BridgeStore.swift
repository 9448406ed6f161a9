import BridgeSupport
import Foundation

/// The engine's database: integrations and their configuration, shipment units, the audit log, operator commands,
/// leases, watermarks, published statuses and the shared rate budgets. `SQLiteStore` (one host, the default) and
/// `PostgresStore` (several hosts on one server) implement it with the same named migrations; open one with
/// `BridgeStores.open(_:)`.
///
/// The methods are synchronous: each waits for its statement (GRDB blocks the calling thread; `PostgresStore` waits
/// for its query on a thread of its own). A method that changes several rows does so in one transaction.
///
/// Adding a method: declare it here (no default arguments; put defaults in the extension below), then implement it
/// in `SQLiteStore+…` and `PostgresStore+…` and run `StoreTests`, which run against both.
public protocol BridgeStore: AnyObject, Sendable {
    /// Where the data lives, for messages: the SQLite file's path, or the PostgreSQL URL without its password.
    var path: String { get }

    /// Copies the database to `destination` while engines run (SQLite); a PostgreSQL store refuses and names
    /// `pg_dump`.
    func backup(to destination: String) throws

    /// The Cin7 rate budgets kept in this database, shared by every process (and host) that uses it.
    func rateBudgets() -> any RateBudgetStore

    // MARK: Units

    /// Inserts a new unit and its first timeline entries in one transaction; returns it with its id.
    @discardableResult
    func insertUnit(_ unit: ShipmentUnit, audit: [AuditEntry]) throws -> ShipmentUnit
    /// Inserts many units in one transaction; returns them with their ids.
    func insertUnits(_ units: [ShipmentUnit]) throws -> [ShipmentUnit]
    /// Saves what changed between `original` and `unit` with its timeline entries in one transaction; columns the
    /// change did not touch are left as they are. Throws `UnitConflict` when another writer moved the unit since
    /// `original` was read (state changed, or `updatedAt` differs by 2 ms or more).
    func saveUnit(_ unit: ShipmentUnit, from original: ShipmentUnit, audit: [AuditEntry]) throws
    /// Writes intake's own columns (the Cin7 version seen, and a change to handle) without touching the rest.
    /// (Callers use `noteCin7Version`, whose defaults a requirement cannot have.)
    func recordCin7Version(unitID: Int64, saleUpdated: Date?, change: String?, audit: AuditEntry?) throws
    /// Units with a Cin7 change waiting to be handled.
    func unitsWithCin7Change(integrationID: Int64, limit: Int) throws -> [ShipmentUnit]
    /// Units in `state` not updated since `before`, least recently updated first.
    func quietUnits(integrationID: Int64, state: ShipmentState, before: Date, limit: Int) throws -> [ShipmentUnit]
    /// Marks a unit as looked at (its `updatedAt` only), so quiet-order reconciliation moves on to others.
    func touch(unitID: Int64, at date: Date) throws
    /// Completed units whose tracking changed in the warehouse after it was written to Cin7.
    func unitsWithTrackingChange(integrationID: Int64, limit: Int) throws -> [ShipmentUnit]
    func unit(id: Int64) throws -> ShipmentUnit?
    /// Every unit of one sale (one, or one per fulfilment), by fulfilment number.
    func units(integrationID: Int64, saleID: String) throws -> [ShipmentUnit]
    /// The units of the given sales, keyed by sale id (one query for a whole page of a sale list).
    func units(integrationID: Int64, saleIDs: [String]) throws -> [String: [ShipmentUnit]]
    /// Units with this order number (or reference), newest first; for CLI commands that name an order.
    func units(orderNumber: String, integrationID: Int64?) throws -> [ShipmentUnit]
    func unit(integrationID: Int64, warehouseOrderID: String) throws -> ShipmentUnit?
    /// Units in `states` whose next attempt is due, oldest state change first. An attempt scheduled further ahead
    /// than `horizon` counts as due: the clock was set back after it was scheduled.
    func dueUnits(integrationID: Int64, states: [ShipmentState], now: Date, limit: Int, horizon: TimeInterval) throws -> [ShipmentUnit]
    /// The earliest `nextAttemptAt` among units in `states`, to know how long the engine may sleep.
    func nextDueDate(integrationID: Int64, states: [ShipmentState]) throws -> Date?
    /// Counts per state (kept by triggers, so this is cheap at any size).
    func stateCounts(integrationID: Int64) throws -> [ShipmentState: Int]
    /// One page of a queue, most recently changed first; `filter` matches order number, reference, customer,
    /// location, reason or warehouse.
    /// (Callers use `units(integrationID:queue:filter:offset:limit:)`, with defaults.)
    func queuePage(integrationID: Int64, queue: Queue, filter: String?, offset: Int, limit: Int) throws -> [ShipmentUnit]
    /// Units across integrations, optionally in one state, most recently changed first (for the CLI).
    func units(state: ShipmentState?, integrationID: Int64?, limit: Int) throws -> [ShipmentUnit]
    /// Units needing attention grouped by reason code, with a sample reason: for "retry all with this reason".
    func attentionReasons(integrationID: Int64) throws -> [(code: ReasonCode, reason: String, count: Int)]
    /// The `retrying` unit that has failed most often in a row (for "keeps failing" health checks).
    func mostRetried(integrationID: Int64) throws -> ShipmentUnit?
    /// The oldest state change among units in `states` (for "stuck" health checks).
    func oldestStateChange(integrationID: Int64, states: [ShipmentState]) throws -> Date?
    /// Completed units that reached `completed` after `completedAfter`, least recently looked at first: the orders
    /// whose consignments are still watched for late tracking.
    func completedUnits(integrationID: Int64, completedAfter: Date, limit: Int) throws -> [ShipmentUnit]

    // MARK: Audit

    /// Appends entries in one transaction.
    func appendAudit(_ entries: [AuditEntry]) throws
    /// Appends entries within a moment (a store may write several engines' entries together): for records no one
    /// waits to read, such as an idle poll's calls. Lost with the process if it dies in that moment.
    func appendAuditSoon(_ entries: [AuditEntry])
    /// One order's timeline, oldest first (the last `limit` entries).
    func timeline(unitID: Int64, limit: Int) throws -> [AuditEntry]
    /// The integration's most recent entries, newest first.
    func recentAudit(integrationID: Int64, limit: Int) throws -> [AuditEntry]
    /// How many audit rows the store keeps, every integration's.
    func auditCount() throws -> Int
    /// When the oldest audit row still kept was written (nil when there is none).
    func oldestAuditDate() throws -> Date?
    /// Deletes audit rows older than `date` (audit retention); returns how many.
    @discardableResult
    func pruneAudit(before date: Date) throws -> Int
    /// Deletes one integration's audit rows older than `date`; returns how many.
    @discardableResult
    func pruneAudit(before date: Date, integrationID: Int64) throws -> Int

    // MARK: Operator commands

    /// Queues an operator command for whichever engine owns the integration, with its audit line.
    @discardableResult
    func enqueue(_ command: OperatorCommand) throws -> OperatorCommand
    /// Commands not yet answered, oldest first.
    func pendingCommands(integrationID: Int64) throws -> [OperatorCommand]
    /// The integrations with a command waiting for an answer: one query for every integration of a host, so the
    /// host can wake their engines when another process (a viewer, the command line) queued something.
    func integrationsWithPendingCommands() throws -> Set<Int64>
    /// Calls `queued` with the integration of each command queued from now on by any process, at once, until the
    /// returned task is cancelled; with nil when it may have missed some (it reconnected). Nil when the store cannot
    /// announce them (SQLite): `integrationsWithPendingCommands()` polled finds them.
    func followCommands(_ queued: @escaping @Sendable (Int64?) -> Void) -> Task<Void, Never>?
    /// Records the engine's answer to a command, and on the order's timeline when it was refused.
    func finishCommand(_ command: OperatorCommand, report: OperatorCommand.Report, now: Date) throws
    func command(id: Int64) throws -> OperatorCommand?

    // MARK: Leases and status

    /// Takes or renews the lease on an integration for `holder`, and returns it as held (nil: another live process
    /// holds it). Succeeds when it is free, already ours, held by a process on this host that no longer exists, or
    /// its heartbeat is older than `timeout`. A renewal keeps the lease's generation; passing to another holder moves
    /// it on, which fences the previous holder's writes (`LeaseFence`). Never fenced itself.
    func acquireLease(integrationID: Int64, holder: String, host: String, pid: Int32, now: Date, timeout: TimeInterval) throws -> Lease?
    /// Renews, in one write, every lease in `held` that is still held by its holder at its generation, and returns the
    /// integrations renewed: one host's heartbeat for all its integrations. Never fenced itself.
    func renewLeases(_ held: [LeaseFence], now: Date) throws -> Set<Int64>
    /// Gives the lease up when `holder` has it. The row stays, free, so the generation keeps counting.
    func releaseLease(integrationID: Int64, holder: String) throws
    /// The integration's lease when someone holds it (however stale its heartbeat).
    func lease(integrationID: Int64) throws -> Lease?
    /// Every held lease: one query for a host deciding what to take.
    func leases() throws -> [Lease]
    /// Records a host's heartbeat (and forgets hosts silent for a day).
    func beat(_ host: EngineHostRecord) throws
    /// The hosts whose heartbeat is newer than `since`.
    func hosts(since: Date) throws -> [EngineHostRecord]
    /// Forgets a host that stops.
    func removeHost(id: String) throws
    /// Publishes the owning engine's status for viewers, `status` and health checks.
    func saveStatus(_ status: IntegrationStatus) throws
    /// Publishes the status within a moment (a store may write several engines' statuses together); failures show
    /// as the status not changing, and the engine publishes again.
    func saveStatusSoon(_ status: IntegrationStatus)
    func status(integrationID: Int64) throws -> IntegrationStatus?

    // MARK: Integrations

    /// Every integration, by name.
    func integrations() throws -> [IntegrationRecord]
    func integration(id: Int64) throws -> IntegrationRecord?
    func integration(named name: String) throws -> IntegrationRecord?
    /// Creates or updates the integration named `config.name` (or with `id`), recording who changed what.
    /// (Callers use `saveIntegration(_:id:actor:now:)`, with defaults.)
    @discardableResult
    func storeIntegration(_ config: IntegrationConfig, id: Int64?, actor: String, now: Date) throws -> Int64
    /// Deletes an integration with its units, audit, commands, lease, watermarks and status.
    func deleteIntegration(id: Int64, actor: String) throws
    /// Who changed the integration's configuration, newest first.
    func configChanges(integrationID: Int64, limit: Int) throws -> [ConfigChange]
    func watermark(integrationID: Int64, name: String) throws -> Date?
    func setWatermark(integrationID: Int64, name: String, value: Date) throws

    // MARK: Reconciliation

    /// Keeps a reconciliation's report (runs are only ever added).
    func saveReconciliation(_ report: ReconciliationReport) throws
    /// The integration's latest reconciliation, if it has had one.
    func lastReconciliation(integrationID: Int64) throws -> ReconciliationReport?
    /// The units a reconciliation compares: created or changed since `since`, or not settled (they may be stuck).
    func reconciliationUnits(integrationID: Int64, since: Date) throws -> [ShipmentUnit]

    // MARK: Overview

    /// Every integration, by name, with what its health is judged from (state counts, published status, lease,
    /// attention reasons, the oldest state change among `flowingStates`, the most retried order): read in one
    /// snapshot with a fixed number of queries whatever the number of integrations, for `status` and the TUI's
    /// Integrations screen.
    func integrationOverviews(flowingStates: [ShipmentState]) throws -> [IntegrationOverview]
}

/// The default arguments callers use (a protocol requirement cannot have them), and what is built from the
/// requirements the same way on every backend.
extension BridgeStore {
    public func saveStatusSoon(_ status: IntegrationStatus) {
        try? saveStatus(status)
    }

    public func appendAuditSoon(_ entries: [AuditEntry]) {
        try? appendAudit(entries)
    }

    @discardableResult
    public func insertUnit(_ unit: ShipmentUnit) throws -> ShipmentUnit {
        try insertUnit(unit, audit: [])
    }

    public func saveUnit(_ unit: ShipmentUnit, from original: ShipmentUnit) throws {
        try saveUnit(unit, from: original, audit: [])
    }

    public func noteCin7Version(unitID: Int64, saleUpdated: Date?, change: String? = nil, audit: AuditEntry? = nil) throws {
        try recordCin7Version(unitID: unitID, saleUpdated: saleUpdated, change: change, audit: audit)
    }

    public func unitsWithCin7Change(integrationID: Int64) throws -> [ShipmentUnit] {
        try unitsWithCin7Change(integrationID: integrationID, limit: 50)
    }

    public func unitsWithTrackingChange(integrationID: Int64) throws -> [ShipmentUnit] {
        try unitsWithTrackingChange(integrationID: integrationID, limit: 50)
    }

    public func units(orderNumber: String) throws -> [ShipmentUnit] {
        try units(orderNumber: orderNumber, integrationID: nil)
    }

    public func dueUnits(integrationID: Int64, states: [ShipmentState], now: Date, limit: Int) throws -> [ShipmentUnit] {
        try dueUnits(integrationID: integrationID, states: states, now: now, limit: limit, horizon: 86_400)
    }

    public func units(integrationID: Int64, queue: Queue, filter: String? = nil, offset: Int = 0, limit: Int = 100) throws -> [ShipmentUnit] {
        try queuePage(integrationID: integrationID, queue: queue, filter: filter, offset: offset, limit: limit)
    }

    public func units(state: ShipmentState?, integrationID: Int64?) throws -> [ShipmentUnit] {
        try units(state: state, integrationID: integrationID, limit: 1000)
    }

    /// Counts per dashboard queue.
    public func queueCounts(integrationID: Int64) throws -> [Queue: Int] {
        var counts: [Queue: Int] = [:]
        for (state, count) in try stateCounts(integrationID: integrationID) { counts[state.queue, default: 0] += count }
        return counts
    }

    public func timeline(unitID: Int64) throws -> [AuditEntry] {
        try timeline(unitID: unitID, limit: 500)
    }

    public func recentAudit(integrationID: Int64) throws -> [AuditEntry] {
        try recentAudit(integrationID: integrationID, limit: 100)
    }

    @discardableResult
    public func saveIntegration(_ config: IntegrationConfig, id: Int64? = nil, actor: String, now: Date = Date()) throws -> Int64 {
        try storeIntegration(config, id: id, actor: actor, now: now)
    }

    /// Pauses or resumes an integration (a configuration change, recorded like any other).
    public func setEnabled(_ enabled: Bool, integrationID: Int64, actor: String, now: Date = Date()) throws {
        guard let record = try integration(id: integrationID) else { return }
        var config = try record.decodedConfig()
        config.enabled = enabled
        try saveIntegration(config, id: integrationID, actor: actor, now: now)
    }

    public func configChanges(integrationID: Int64) throws -> [ConfigChange] {
        try configChanges(integrationID: integrationID, limit: 50)
    }
}
