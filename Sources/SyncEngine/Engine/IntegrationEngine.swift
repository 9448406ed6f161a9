import BridgeSupport
import Cin7Core
import Foundation
import Logging

/// Runs one integration: intake from Cin7, creates in the warehouse, watching the warehouse, writing fulfilment
/// back to Cin7, and operator commands — as concurrent loops on one actor, each doing its I/O at the edges and
/// recording every state change with its timeline line in one transaction (`Lifecycle` decides the changes).
public actor IntegrationEngine {
    public let integrationID: Int64
    public private(set) var config: IntegrationConfig
    let store: BridgeStore
    let cin7: Cin7Client
    let warehouse: any Warehouse
    let clock: any BridgeClock
    let emit: EngineEventSink
    let ledger: CallLedger
    let logger: Logger
    /// The integration's lease: taken at start, renewed by housekeeping, checked before every request.
    let lease: LeaseKeeper
    var status: IntegrationStatus
    var reference = ReferenceData()
    /// Set to stop: the loops finish the call in flight and return (woken, so none waits out its rest).
    var stopping = false {
        didSet { if stopping && !oldValue { wake() } }
    }
    /// A poll asked for (a command, "sync now", a mapping change): intake clears it when it polls Cin7.
    var pollRequested = true {
        didSet { if pollRequested { warehouseLookRequested = true } }
    }
    /// The same request as seen by the watch, which clears it when it searches the warehouse: a requested poll
    /// searches it however idle the integration, whichever loop runs first.
    var warehouseLookRequested = true
    var nextIntakeAt: Date
    var nextWatchAt: Date
    /// When the warehouse was last searched (an idle integration searches only every `quietCeiling`).
    var lastWarehouseLookAt = Date.distantPast
    var lastStatusWrite = Date.distantPast
    var lastReconcileAt = Date.distantPast
    var lastAuditPrune = Date.distantPast
    var budgetsRefreshedAt = Date.distantPast
    /// Whether `status.warehouseMessage` says the warehouse is not answering (rather than refusing us).
    var warehouseDownByOutage = false
    var random = SystemRandomNumberGenerator()
    let startedAt: Date
    /// Completed units when the engine first counted them, so `status.drained` counts this run's work only.
    var completedAtStart: Int?
    /// The status as last written to the store (`updatedAt` aside), so an idle engine does not rewrite it.
    var savedStatus: IntegrationStatus?
    /// Idle loops waiting in `rest(until:)`: resumed by `restTimer` at their deadline, or early by `wake()`.
    let sleepers = Sleepers()
    /// The host's one timer for every resting loop (`RestTimer`).
    let restTimer: RestTimer
    /// What housekeeping knows without asking the store, so an idle engine's look costs no query.
    var idle = IdleKnowledge()

    /// How long a lease lives without a heartbeat before another process may take it, unless `run --lease-timeout`
    /// says otherwise. Viewers judge whether an integration runs by it: heartbeats come at least every 5 s.
    public static let defaultLeaseTimeout: TimeInterval = 30

    /// Seconds between heartbeats: several per lease lifetime, and often enough for viewers' default judgement.
    var heartbeatInterval: TimeInterval { Self.heartbeatInterval(leaseTimeout: lease.timeout) }

    /// How often a lease is renewed: several times per lifetime, at most every 5 s.
    static func heartbeatInterval(leaseTimeout: TimeInterval) -> TimeInterval { min(leaseTimeout / 6, 5) }

    init(
        integrationID: Int64,
        config: IntegrationConfig,
        store: BridgeStore,
        connectors: Connectors,
        clock: any BridgeClock,
        emit: @escaping EngineEventSink,
        logger: Logger,
        leaseTimeout: TimeInterval = IntegrationEngine.defaultLeaseTimeout,
        restTimer: RestTimer? = nil
    ) {
        self.restTimer = restTimer ?? RestTimer(clock: clock)
        self.lease = LeaseKeeper(integrationID: integrationID, store: store, clock: clock, timeout: leaseTimeout)
        self.integrationID = integrationID
        self.config = config
        self.store = store
        self.cin7 = connectors.cin7
        self.warehouse = connectors.warehouse
        self.ledger = connectors.ledger
        self.clock = clock
        self.emit = emit
        self.logger = logger
        let now = clock.now
        self.startedAt = now
        self.nextIntakeAt = now
        self.nextWatchAt = now
        self.status = IntegrationStatus(integrationID: integrationID, name: config.name, now: now)
        self.status.owner = "\(ProcessProbe.hostName):\(getpid())"
    }

    var router: Router { Router(options: config.orderCreation, locations: reference.locations, serviceSKUs: reference.serviceSKUs) }
    var retrySchedule: Lifecycle.RetrySchedule { Lifecycle.RetrySchedule(base: config.limits.retryBase, cap: config.limits.retryCap) }

    /// Asks the loops to finish the call in flight and return.
    public func stop() {
        stopping = true
    }

    /// Runs until `stop()` or cancellation. Returns at once (false) when another live process owns the integration.
    @discardableResult
    public func run() async -> Bool {
        guard (try? lease.take()) == true, let fence = lease.fence else { return false }
        emit(.running(integrationID: integrationID, isRunning: true))
        // A side that stops answering (or answers again) shows at its first call, not after the client's retries.
        ledger.whenReachabilityChanges { [weak self] in Task { await self?.publishStatus(force: true) } }
        logger.info("engine started", metadata: ["integration": "\(config.name)", "lease": "\(fence.generation)"])
        // Every write of the loops is checked against the lease this engine took (`LeaseFence`), and every request
        // waits for a last look at it (`SendGate`).
        let keeper = lease
        await LeaseFence.$current.withValue(fence) {
            await SendGate.$current.withValue(SendGate { try keeper.checkBeforeSending() }) {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.loop("intake", due: { $0.pollRequested ? nil : $0.nextIntakeAt }) { try await $0.intakeStep() } }
                    group.addTask { await self.loop("create", onlyAfterChange: true) { try await $0.createStep() } }
                    group.addTask { await self.loop("watch", due: { $0.warehouseLookRequested ? nil : $0.nextWatchAt }) { try await $0.watchStep() } }
                    group.addTask { await self.loop("writeback", onlyAfterChange: true) { try await $0.writebackStep() } }
                    // Housekeeping looks when a retry comes due, on a wake (a command), before the lease would run out
                    // were the host not renewing it, and at least every `quietCeiling`; the polls and failed steps
                    // publish the status themselves.
                    group.addTask {
                        await self.loop("housekeeping", due: { $0.housekeepingDue }, ceiling: { $0.quietCeiling }) { try await $0.housekeepingStep() }
                    }
                }
                flushCalls()
                status.owner = nil
                status.nextPollAt = nil
                publishStatus(force: true)
                // Written before `run` returns (the process may exit next), and while the lease is still ours.
                try? store.saveStatus(status)
            }
        }
        lease.release()
        emit(.running(integrationID: integrationID, isRunning: false))
        logger.info("engine stopped", metadata: ["integration": "\(config.name)"])
        return true
    }

    /// One loop: run `step` (which says whether it did work), rest when idle, survive every error. An idle loop
    /// rests until its next scheduled moment (`due`: a poll), at most `ceiling` (`restCeiling` unless said), or until `wake()` says there is
    /// new work, so hundreds of idle integrations cost little and new work is still picked up at once. A loop
    /// `onlyAfterChange` (its work comes from units this engine saved, which wake it) skips an idle pass when
    /// nothing was saved or woken since its last one, looking anyway every `quietCeiling`.
    private func loop(
        _ name: String,
        due: @Sendable (isolated IntegrationEngine) -> Date? = { _ in nil },
        ceiling: @Sendable (isolated IntegrationEngine) -> TimeInterval = { $0.restCeiling },
        onlyAfterChange: Bool = false,
        _ step: @Sendable (isolated IntegrationEngine) async throws -> Bool
    ) async {
        var storageFailures = 0
        var idleAt: (changes: Int, date: Date)?
        while !stopping && !Task.isCancelled {
            do {
                if let idleAt, idleAt.changes == idle.changes, elapsed(since: idleAt.date, now: clock.now) < quietCeiling {
                    try await rest(until: max(clock.now.addingTimeInterval(idlePause), idleAt.date.addingTimeInterval(quietCeiling)))
                    continue
                }
                let changes = idle.changes
                let didWork = try await step(self)
                idleAt = onlyAfterChange && !didWork ? (changes, clock.now) : nil
                if storageFailures > 0, status.pausedReason != nil {
                    status.pausedReason = nil
                    publishStatus(force: true)
                }
                storageFailures = 0
                if !didWork {
                    let now = clock.now
                    let latest = now.addingTimeInterval(ceiling(self))
                    let earliest = now.addingTimeInterval(idlePause)
                    try await rest(until: max(earliest, min(latest, due(self).map { isDue($0, now: now) ? earliest : $0 } ?? latest)))
                }
            } catch is CancellationError {
                // Also how a request stopped by `SendGate` ends: the lease had passed to another process.
                if lease.lost, !stopping {
                    noteError(LeaseKeeper.lostMessage)
                    stopping = true
                }
                return
            } catch let lost as LeaseLost {
                // Another process holds the integration now: whatever this one was doing is the new owner's to do.
                if !stopping { noteError(lost.description) }
                stopping = true
                return
            } catch let error as StoreError {
                // The database cannot be written: pause (no order state can be recorded), say what to do, retry.
                storageFailures += 1
                status.pausedReason = error.description
                noteError(error.description)
                logger.error("storage problem", metadata: ["loop": "\(name)", "error": "\(error)"])
                try? await clock.sleep(seconds: min(30, Double(storageFailures) * idlePause * 4))
            } catch is UnitConflict {
                continue
            } catch {
                let failure = Failure.classify(error)
                noteError(failure.message)
                logger.warning("\(name) step failed", metadata: ["error": "\(failure.message)"])
                try? await clock.sleep(seconds: max(idlePause, min(config.limits.pollInterval, 5)))
            }
        }
    }

    /// Whether a scheduled moment has come — or lies implausibly far ahead because this machine's clock was set
    /// back, in which case waiting for it would stall the integration.
    func isDue(_ date: Date, now: Date) -> Bool {
        now >= date || date.timeIntervalSince(now) > max(3600, config.limits.pollInterval * 100)
    }

    /// Seconds since `date`, treating a date in the future (the clock was set back) as long ago.
    func elapsed(since date: Date, now: Date) -> TimeInterval {
        date > now ? .infinity : now.timeIntervalSince(date)
    }

    /// How late a rest may end: a tenth of the poll interval, at most a second. The host's engines share the grid it
    /// makes, so their loops wake together once a second rather than each on its own.
    var restTolerance: TimeInterval { min(1, config.limits.pollInterval / 10) }

    /// The shortest rest of an idle loop.
    var idlePause: TimeInterval { min(0.25, max(0.02, config.limits.pollInterval / 4)) }

    /// The longest rest of an idle loop that nothing wakes: what bounds the delay for work no `wake()` announces
    /// (a retry falling due, a tracking change). Commands queued by another process wake the engine through the host.
    var restCeiling: TimeInterval { max(idlePause, min(5, config.limits.pollInterval / 2)) }

    /// The longest a loop that runs only after a change goes without looking anyway (work no save announces: a
    /// re-read of a Cin7 change falling due).
    var quietCeiling: TimeInterval { restCeiling * 6 }

    /// Rests until `deadline` or the next `wake()`, whichever comes first. Throws `CancellationError` when cancelled.
    /// The deadline goes to the host's `restTimer` (hundreds of engines rest every second: one timer wakes them).
    func rest(until deadline: Date) async throws {
        let id = sleepers.nextID()
        var timerID: Int?
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Registration and the cancellation check run on the actor, serially with `wake()`: none is missed.
                guard !Task.isCancelled else { return continuation.resume() }
                sleepers.add(id, continuation)
                timerID = restTimer.schedule(at: deadline, tolerance: restTolerance) { [sleepers] in sleepers.resume(id) }
            }
        } onCancel: { [sleepers] in
            sleepers.resume(id)
        }
        if let timerID { restTimer.cancel(timerID) }
        try Task.checkCancellation()
    }

    /// Ends every rest at once: a unit is ready for another loop, a poll or command was asked for, the configuration
    /// changed.
    public func wake() {
        idle.woken()
        sleepers.resumeAll()
    }

    func noteError(_ message: String) {
        status.lastError = message
        status.lastErrorAt = clock.now
        emit(.problem(integrationID: integrationID, message: message))
        publishStatus(force: true)
    }

    // MARK: Saving

    /// Saves a unit changed from `original` with its timeline message(s), and tells the UI.
    func save(
        _ unit: ShipmentUnit,
        from original: ShipmentUnit,
        _ messages: [String?],
        kind: AuditEntry.Kind = .state,
        actor: String = "engine"
    ) throws {
        let now = clock.now
        let entries = messages.compactMap { $0 }.map {
            AuditEntry(integrationID: integrationID, unitID: unit.id, at: now, kind: kind, message: $0, actor: actor)
        }
        try store.saveUnit(unit, from: original, audit: entries)
        idle.saved(unit)
        if let id = unit.id, unit.state != original.state || !entries.isEmpty {
            emit(.unitChanged(integrationID: integrationID, unitID: id, state: unit.state))
        }
        if unit.state != original.state || (unit.trackingDirty && !original.trackingDirty) { wakeIfReady(unit) }
    }

    /// A unit now waits for another loop (to be created, written back, or its new tracking sent): wake the loops
    /// rather than wait for their rest.
    func wakeIfReady(_ unit: ShipmentUnit) {
        if unit.state == .pending || unit.state == .dispatched || unit.trackingDirty { wake() }
    }

    func insert(_ unit: ShipmentUnit, _ message: String) throws -> ShipmentUnit {
        let entry = AuditEntry(integrationID: integrationID, at: clock.now, kind: .state, message: message, actor: "engine")
        let saved = try store.insertUnit(unit, audit: [entry])
        idle.saved(saved)
        if let id = saved.id { emit(.unitChanged(integrationID: integrationID, unitID: id, state: saved.state)) }
        wakeIfReady(saved)
        return saved
    }

    func jitter() -> Double { Double.random(in: 0...1, using: &random) }

    /// Runs `body` with its Cin7 and warehouse calls labelled for counting and for the unit's timeline.
    func calls<T: Sendable>(_ purpose: String, unit: Int64? = nil, _ body: () async throws -> T) async throws -> T {
        try await APICallContext.$current.withValue(CallPurpose.forUnit(purpose, unit)) { try await body() }
    }

    // MARK: Status

    func publishStatus(force: Bool = false) {
        let now = clock.now
        guard force || elapsed(since: lastStatusWrite, now: now) >= 0.5 else { return }
        lastStatusWrite = now
        let counts = ledger.cin7Counts
        status.cin7CallsIntake = counts.intake
        status.cin7CallsWriteback = counts.writeback
        status.cin7CallsOther = counts.other
        // The last call says whether a side answers at all; whether it accepts us (credentials, roles) is the
        // steps' verdict. So an outage marks a side down at once, and its end lifts only what the outage set.
        if let cin7 = ledger.cin7Reachability {
            if !cin7.answering {
                status.cin7Connected = false
                status.cin7Message = cin7.problem
            } else if status.cin7Message != nil {
                status.cin7Connected = true
                status.cin7Message = nil
            }
        }
        if let reachability = ledger.warehouseReachability {
            if !reachability.answering {
                status.warehouseConnected = false
                status.warehouseMessage = reachability.problem.map { "\(warehouse.displayName): \($0)." }
                warehouseDownByOutage = true
            } else if warehouseDownByOutage {
                status.warehouseConnected = true
                status.warehouseMessage = nil
                warehouseDownByOutage = false
            }
        }
        status.updatedAt = now
        status.name = config.name
        if let stateCounts = try? stateCounts() {
            let backlog = [.pending, .creating, .dispatched, .writingBack, .retrying].reduce(0) { $0 + (stateCounts[$1] ?? 0) }
            let done = (stateCounts[.completed] ?? 0)
            let atStart = completedAtStart ?? done
            completedAtStart = atStart
            status.drained = max(0, done - atStart)
            status.backlog = backlog
            // Writebacks take three calls, intake one: the budget sets the pace.
            let pending = (stateCounts[.pending] ?? 0) + (stateCounts[.creating] ?? 0)
            let dispatched = (stateCounts[.dispatched] ?? 0) + (stateCounts[.writingBack] ?? 0)
            let calls = Double(pending + dispatched * 3 + (stateCounts[.inWarehouse] ?? 0) * 3)
            let rate = Double(config.limits.cin7CallsPerWindow) / config.limits.cin7Window
            status.backlogETA = backlog == 0 ? nil : calls / max(rate, 0.001)
        }
        // This process's viewers first: a store that cannot be written (the pause being published) may hold the write.
        emit(.status(status))
        // Other processes' viewers, `status` and the metrics read it from the store: written when something a person
        // acts on changed; what moves with every poll (poll times, budgets, call counts) at most every
        // `routineStatusInterval`.
        let changed = savedStatus.map { Self.withRoutineFields(of: status, $0) != status } ?? true
        if changed || elapsed(since: savedStatus?.updatedAt ?? .distantPast, now: now) >= routineStatusInterval {
            // What a health check reads (a side down or back, an error, the owner) is written at once, as this
            // process's viewers see it; the rest (poll times, budgets, counts) with the other engines' statuses.
            if savedStatus.map(Self.health) != Self.health(status) {
                try? store.saveStatus(status)
            } else {
                store.saveStatusSoon(status)
            }
            savedStatus = status
        }
    }

    /// The units per state. They change with this engine's saves; read anyway now and then (units purged by another
    /// process).
    func stateCounts() throws -> [ShipmentState: Int] {
        let now = clock.now
        guard idle.countsStale || elapsed(since: idle.countsReadAt, now: now) >= quietCeiling else { return idle.counts }
        idle.counts = try store.stateCounts(integrationID: integrationID)
        idle.countsStale = false
        idle.countsReadAt = now
        return idle.counts
    }

    /// How stale the poll times, budgets and call counts other processes read may be: a poll's worth, at least 15 s
    /// (viewers warn of a stalled poll after two minutes; 500 integrations writing them after every poll and as a
    /// sign of life cost a status row every 10 ms).
    var routineStatusInterval: TimeInterval { max(15, config.limits.pollInterval) }

    /// `saved` with the fields that move with every poll taken from `status`: equal to `status` when nothing else
    /// changed.
    static func withRoutineFields(of status: IntegrationStatus, _ saved: IntegrationStatus) -> IntegrationStatus {
        var merged = saved
        merged.updatedAt = status.updatedAt
        merged.nextPollAt = status.nextPollAt
        merged.cin7Budget = status.cin7Budget
        merged.warehouseBudget = status.warehouseBudget
        merged.cin7CallsIntake = status.cin7CallsIntake
        merged.cin7CallsWriteback = status.cin7CallsWriteback
        merged.cin7CallsOther = status.cin7CallsOther
        // The first poll of either side is news (a check waits for it); the next ones are routine.
        if saved.lastPollAt != nil { merged.lastPollAt = status.lastPollAt }
        if saved.lastWarehousePollAt != nil { merged.lastWarehousePollAt = status.lastWarehousePollAt }
        return merged
    }

    /// Whether any unit is in one of `states`, by `stateCounts()`.
    func hasUnits(in states: [ShipmentState]) throws -> Bool {
        let counts = try stateCounts()
        return states.contains { (counts[$0] ?? 0) > 0 }
    }

    /// The parts of a status a health check judges by.
    static func health(_ status: IntegrationStatus) -> [String?] {
        [
            status.owner, status.pausedReason, status.lastError, status.cin7Message, status.warehouseMessage,
            "\(status.cin7Connected) \(status.warehouseConnected) \(status.lastPollAt == nil)",
        ]
    }

    func refreshBudgets() async {
        budgetsRefreshedAt = clock.now
        status.cin7Budget = await cin7.governor.usage()
        if let budget = warehouse.createBudget { status.warehouseBudget = await budget.usage() }
    }

    /// The watermark `name`, from memory once known (this engine is its only writer while it holds the lease);
    /// until one is stored, `otherwise` stands in for it.
    func watermark(_ name: String, otherwise: @autoclosure () -> Date) throws -> Date {
        if let known = idle.watermarks[name] { return known }
        let value = try store.watermark(integrationID: integrationID, name: name) ?? otherwise()
        idle.watermarks[name] = value
        return value
    }

    func setWatermark(_ name: String, _ value: Date) throws {
        try store.setWatermark(integrationID: integrationID, name: name, value: value)
        idle.watermarks[name] = value
    }

    /// Writes the calls made since last time to the audit log (those tied to an order go on its timeline).
    func flushCalls() {
        let records = ledger.drain()
        guard !records.isEmpty else { return }
        let entries = records.map { record in
            AuditEntry(
                integrationID: integrationID,
                unitID: CallPurpose.unitID(in: record.context),
                at: record.startedAt,
                kind: .call,
                message:
                    "\(record.service == "cin7" ? "Cin7" : warehouse.displayName) \(record.method) \(record.path) → \(record.status.map(String.init) ?? "no answer") \(record.outcome)",
                method: record.method,
                path: record.path,
                status: record.status,
                duration: record.duration,
                actor: "engine"
            )
        }
        // Calls made for an order go on its timeline now (a viewer may have it open); the rest, mostly polls,
        // with the other engines' in one write.
        let forUnits = entries.filter { $0.unitID != nil }
        store.appendAuditSoon(entries.filter { $0.unitID == nil })
        guard !forUnits.isEmpty else { return }
        do { try store.appendAudit(forUnits) } catch { return }
        emit(.timeline(integrationID: integrationID, unitIDs: Set(forUnits.compactMap(\.unitID))))
    }

    // MARK: Configuration

    /// Takes a changed configuration while running (limits and mapping apply from the next step).
    public func update(config newConfig: IntegrationConfig) {
        LeaseFence.$current.withValue(lease.fence) { apply(newConfig) }
    }

    private func apply(_ newConfig: IntegrationConfig) {
        let mappingChanged = newConfig.orderCreation != config.orderCreation
        let goLiveMovedBack = newConfig.orderCreation.goLive.date < config.orderCreation.goLive.date
        // What stood in for a watermark not stored yet may come from the go-live point.
        if newConfig.orderCreation.goLive != config.orderCreation.goLive { idle.watermarks = [:] }
        config = newConfig
        if goLiveMovedBack {
            // The sales the earlier go-live point brings in: list from there again, and route those already skipped.
            let goLive = newConfig.orderCreation.goLive.date
            try? setWatermark("intake", goLive)
            _ = try? store.enqueue(
                OperatorCommand(integrationID: integrationID, kind: .reevaluate, actor: "engine (go-live moved back)", createdAt: clock.now)
            )
        }
        cin7.governor.policy = RatePolicy(limit: newConfig.limits.cin7CallsPerWindow, window: newConfig.limits.cin7Window)
        if mappingChanged { pollRequested = true }
        wake()
    }

    /// Poll now rather than at the next interval.
    public func pollNow() {
        pollRequested = true
        wake()
    }
}
