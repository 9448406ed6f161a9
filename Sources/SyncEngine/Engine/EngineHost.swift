import BridgeSupport
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Runs an engine for every enabled integration in a data directory and follows the configuration as it changes
/// (integrations added, changed, paused or deleted while running are picked up within seconds). Used by
/// `cin7bridge run` headless and by the TUI in-process; the UI listens to `events`.
public final class EngineHost: Sendable {
    public typealias ConnectorFactory = @Sendable (IntegrationConfig) throws -> Connectors

    private struct Running {
        var engine: IntegrationEngine
        var task: Task<Void, Never>
        var config: IntegrationConfig
    }

    private struct State {
        var running: [Int64: Running] = [:]
        var stopping = false
        /// Integrations owned by another process, with the owner.
        var elsewhere: [Int64: String] = [:]
        /// Each integration's configuration as last decoded, with the stored text it came from: a host with hundreds
        /// of integrations decodes only what changed.
        var decoded: [Int64: (text: String, config: IntegrationConfig)] = [:]
        /// Integrations this host gave back to even out the work, with when it may take them again.
        var handedBack: [Int64: Date] = [:]
    }

    public let store: BridgeStore
    public let events: AsyncStream<EngineEvent>
    private let continuation: AsyncStream<EngineEvent>.Continuation
    private let clock: any BridgeClock
    private let logger: Logger
    private let makeConnectors: ConnectorFactory
    private let state = Mutex(State())
    /// Sends each integration's alerts to its hook, following what the engines here publish.
    public let alerts: AlertDispatcher
    /// Seconds between looks at the configuration.
    public let reconcileInterval: TimeInterval
    /// Seconds between reconciliations of each integration run here (`ReconciliationSchedule`); 0: none.
    public let reconciliationEvery: TimeInterval
    /// How long an integration's lease lives without a heartbeat before another process (or host) takes it over.
    public let leaseTimeout: TimeInterval
    /// Whether this host registers with the others and takes only its fair share of the integrations (`run`), or
    /// runs whatever nobody else holds without counting as a host (the TUI, which comes and goes).
    public let sharesWork: Bool
    /// This process as a host among those sharing the store.
    private let identity: EngineHostRecord
    /// The one timer every engine's resting loops wait on.
    private let restTimer: RestTimer

    public init(
        store: BridgeStore,
        clock: any BridgeClock = SystemClock(),
        logger: Logger = Logger(label: "cin7bridge.engine"),
        allowInsecureHTTP: Bool = false,
        reconcileInterval: TimeInterval = 2,
        reconciliationEvery: TimeInterval = 0,
        leaseTimeout: TimeInterval = IntegrationEngine.defaultLeaseTimeout,
        sharesWork: Bool = true,
        connectors: ConnectorFactory? = nil
    ) {
        restTimer = RestTimer(clock: clock)
        self.reconciliationEvery = reconciliationEvery
        self.leaseTimeout = leaseTimeout
        self.sharesWork = sharesWork
        let now = clock.now
        identity = EngineHostRecord(id: UUID().uuidString, host: ProcessProbe.hostName, pid: getpid(), startedAt: now, heartbeatAt: now)
        self.store = store
        self.clock = clock
        self.logger = logger
        self.reconcileInterval = reconcileInterval
        self.makeConnectors =
            connectors ?? { config in
                try Connectors(config: config, store: store, clock: clock, allowInsecureHTTP: allowInsecureHTTP)
            }
        alerts = AlertDispatcher(store: store, clock: clock, logger: logger, allowInsecureHTTP: allowInsecureHTTP)
        (events, continuation) = AsyncStream.makeStream(of: EngineEvent.self, bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Integrations running in this process.
    public var runningIDs: Set<Int64> { state.withLock { Set($0.running.keys) } }

    /// Integrations another process owns (id → `host:pid`), as last seen.
    public var ownedElsewhere: [Int64: String] { state.withLock { $0.elsewhere } }

    public func engine(for integrationID: Int64) -> IntegrationEngine? {
        state.withLock { $0.running[integrationID]?.engine }
    }

    /// Runs until `stop()` (or cancellation), then waits for every engine to finish its call in flight.
    public func run() async {
        let schedule = ReconciliationSchedule(every: reconciliationEvery, store: store, clock: clock, logger: logger, connectors: makeConnectors) {
            [continuation, alerts] in
            continuation.yield($0)
            alerts.observe($0)
        }
        let reconciling = Task { await schedule.run { [weak self] in self?.runningIDs ?? [] } }
        // A command queued anywhere wakes its engine here at once (PostgreSQL); the look below is the fallback.
        let listening = store.followCommands { [weak self] id in
            guard let self else { return }
            let ids = id.map { [$0] } ?? Array(runningIDs)
            for id in ids { if let engine = engine(for: id) { Task { await engine.wake() } } }
        }
        defer { listening?.cancel() }
        while !(state.withLock { $0.stopping }) && !Task.isCancelled {
            reconcile()
            renewLeases()
            try? await clock.sleep(seconds: reconcileInterval)
        }
        reconciling.cancel()
        await stopAll()
        if sharesWork { try? store.removeHost(id: identity.id) }
    }

    /// Asks every engine to finish the call in flight and stop; `run()` returns when they have.
    public func stop() {
        state.withLock { $0.stopping = true }
    }

    /// Starts, updates and stops engines to match the stored configuration and this host's share of the work, and
    /// wakes those with a command queued by another process.
    public func reconcile() {
        guard let records = try? store.integrations() else { return }
        // Only an integration whose stored text changed since the last pass can need its engine updated.
        var changed: Set<Int64> = []
        let wanted = Dictionary(
            uniqueKeysWithValues: records.compactMap { record -> (Int64, IntegrationConfig)? in
                guard let id = record.id, record.enabled, let found = decoded(record) else { return nil }
                if found.isNew { changed.insert(id) }
                return (id, found.config)
            }
        )
        state.withLock { $0.decoded = $0.decoded.filter { wanted[$0.key] != nil } }
        alerts.follow(wanted)
        if let waiting = try? store.integrationsWithPendingCommands() {
            for id in waiting { if let engine = engine(for: id) { Task { await engine.wake() } } }
        }
        let now = clock.now
        let placement = self.placement(wanted: Set(wanted.keys), now: now)
        let (toStop, toUpdate, toStart) = state.withLock {
            state -> ([IntegrationEngine], [(IntegrationEngine, IntegrationConfig)], [(Int64, IntegrationConfig)]) in
            guard !state.stopping else { return ([], [], []) }
            var stop: [IntegrationEngine] = []
            var update: [(IntegrationEngine, IntegrationConfig)] = []
            for (id, running) in state.running {
                guard let config = wanted[id], placement.handBack != id else {
                    if placement.handBack == id { state.handedBack[id] = now.addingTimeInterval(leaseTimeout) }
                    stop.append(running.engine)
                    continue
                }
                guard changed.contains(id) else { continue }
                if Self.needsRestart(running.config, config) {
                    stop.append(running.engine)
                } else if running.config != config {
                    update.append((running.engine, config))
                    state.running[id]?.config = config
                }
            }
            state.handedBack = state.handedBack.filter { $0.value > now }
            var room = placement.share - state.running.keys.filter { state.handedBack[$0] == nil }.count
            var start: [(Int64, IntegrationConfig)] = []
            for id in placement.takeable.shuffled() where room > 0 && state.running[id] == nil && state.handedBack[id] == nil {
                guard let config = wanted[id] else { continue }
                start.append((id, config))
                room -= 1
            }
            return (stop, update, start)
        }
        for engine in toStop { Task { await engine.stop() } }
        for (engine, config) in toUpdate { Task { await engine.update(config: config) } }
        for (id, config) in toStart { start(id: id, config: config) }
    }

    /// One heartbeat for every engine here: the leases that would be due before the next pass are renewed in one
    /// write, so an engine's own heartbeat (its fallback) finds its lease fresh. 500 integrations cost one write every
    /// few seconds instead of a hundred a second. A lease this write does not renew has passed to another holder: its
    /// engine finds out at its own next heartbeat and stops.
    func renewLeases() {
        let now = clock.now
        let keepers = state.withLock { $0.running.values.map(\.engine.lease) }
        let heartbeat = IntegrationEngine.heartbeatInterval(leaseTimeout: leaseTimeout)
        let due = keepers.filter { !$0.lost && now.timeIntervalSince($0.renewedAt) >= heartbeat - reconcileInterval }
        let fences = due.compactMap(\.fence)
        guard !fences.isEmpty, let renewed = try? store.renewLeases(fences, now: now) else { return }
        for keeper in due where keeper.fence.map({ renewed.contains($0.integrationID) }) ?? false { keeper.renewed(at: now) }
    }

    /// This host's share of the work (`WorkShare`), from one query each for the live hosts and the leases; a host
    /// that shares work records its heartbeat first.
    private func placement(wanted: Set<Int64>, now: Date) -> WorkShare {
        let me = "\(identity.host):\(identity.pid)"
        var hosts: Set<String> = [me]
        if sharesWork {
            var beat = identity
            beat.heartbeatAt = now
            try? store.beat(beat)
            let live = (try? store.hosts(since: now.addingTimeInterval(-leaseTimeout))) ?? []
            // A host on this machine whose process is gone (killed, and maybe restarted under a new pid) has no share.
            hosts.formUnion(live.filter { $0.host != identity.host || ProcessProbe.isAlive(pid: $0.pid) }.map { "\($0.host):\($0.pid)" })
        }
        guard let leases = try? store.leases() else {
            return WorkShare(wanted: [], running: [], leases: [], me: me, hosts: hosts, sharing: sharesWork) { _ in true }
        }
        let timeout = leaseTimeout
        let running = state.withLock { state in Set(state.running.keys).subtracting(state.handedBack.keys) }
        let share = WorkShare(wanted: wanted, running: running, leases: leases, me: me, hosts: hosts, sharing: sharesWork) { lease in
            now.timeIntervalSince(lease.heartbeatAt) <= timeout && ProcessProbe.isAliveOrRemote(lease)
        }
        state.withLock { $0.elsewhere = share.elsewhere }
        return share
    }

    /// The record's configuration, and whether it is new since the last pass (decoded only then).
    private func decoded(_ record: IntegrationRecord) -> (config: IntegrationConfig, isNew: Bool)? {
        guard let id = record.id else { return nil }
        let text = record.config + "\u{0}\(record.name)\u{0}\(record.enabled)"
        if let cached = state.withLock({ $0.decoded[id] }), cached.text == text { return (cached.config, false) }
        guard let config = try? record.decodedConfig() else { return nil }
        state.withLock { $0.decoded[id] = (text, config) }
        return (config, true)
    }

    /// Credentials and addresses are baked into the clients: changing them restarts the engine.
    static func needsRestart(_ old: IntegrationConfig, _ new: IntegrationConfig) -> Bool {
        old.cin7 != new.cin7 || old.warehouse != new.warehouse
    }

    private func start(id: Int64, config: IntegrationConfig) {
        let connectors: Connectors
        do {
            connectors = try makeConnectors(config)
        } catch {
            continuation.yield(.problem(integrationID: id, message: Failure.classify(error).message))
            return
        }
        let (continuation, alerts) = (self.continuation, self.alerts)
        let engine = IntegrationEngine(
            integrationID: id,
            config: config,
            store: store,
            connectors: connectors,
            clock: clock,
            emit: {
                continuation.yield($0)
                alerts.observe($0)
            },
            logger: logger,
            leaseTimeout: leaseTimeout,
            restTimer: restTimer
        )
        let task = Task { [weak self] in
            let ran = await engine.run()
            self?.finished(id: id, engine: engine, ran: ran)
        }
        state.withLock { state in
            state.elsewhere[id] = nil
            state.running[id] = Running(engine: engine, task: task, config: config)
        }
    }

    private func finished(id: Int64, engine: IntegrationEngine, ran: Bool) {
        state.withLock { state in
            if let running = state.running[id], running.engine === engine { state.running[id] = nil }
            if !ran, let lease = try? store.lease(integrationID: id) { state.elsewhere[id] = "\(lease.host):\(lease.pid)" }
        }
    }

    /// How long a stopping engine may take to finish its call in flight before the call is abandoned.
    public static let stopGrace: Duration = .seconds(5)

    /// Stops every engine: each finishes its call in flight, or abandons it after `stopGrace` (a hanging service
    /// must not hold a service manager's stop for minutes). Abandoning is safe by the lifecycle's rules: a create's
    /// intent is recorded before the call and a write whose outcome is unknown is re-read before it is sent again.
    public func stopAll() async {
        let running = state.withLock { state -> [Running] in
            state.stopping = true
            return Array(state.running.values)
        }
        for item in running { await item.engine.stop() }
        await withTaskGroup(of: Void.self) { group in
            for item in running {
                group.addTask { await Self.finish(item.task, within: Self.stopGrace) }
            }
        }
        await alerts.finish(within: Self.stopGrace)
        continuation.yield(.running(integrationID: 0, isRunning: false))
    }

    /// Waits for `task`, cancelling it when it has not finished within `grace`.
    static func finish(_ task: Task<Void, Never>, within grace: Duration) async {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await task.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            if await group.next() == false { task.cancel() }
            group.cancelAll()
        }
    }

    /// Queues an operator command for the integration's owner (this process or another) and nudges a local engine.
    @discardableResult
    public func command(_ command: OperatorCommand) throws -> OperatorCommand {
        let saved = try store.enqueue(command)
        if let engine = engine(for: command.integrationID) { Task { await engine.pollNowIfCommand(command.kind) } }
        return saved
    }
}

extension IntegrationEngine {
    /// A command queued in this process: poll at once when it asks for that, and carry it out without waiting for
    /// the housekeeping loop's rest to end.
    func pollNowIfCommand(_ kind: OperatorAction) {
        if kind == .pollNow { pollNow() } else { wake() }
    }
}

/// `cin7bridge run` as a swift-service-lifecycle service: SIGTERM/SIGINT stop it gracefully (the call in flight
/// finishes, then every engine stops).
public struct EngineService: Service {
    public let host: EngineHost

    public init(host: EngineHost) {
        self.host = host
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await host.run()
        } onGracefulShutdown: {
            host.stop()
        }
    }
}
