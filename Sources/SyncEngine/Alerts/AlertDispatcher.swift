import BridgeSupport
import Foundation
import Logging
import Synchronization

/// Sends each integration's alerts to its hook (`IntegrationConfig.alerts`): when an order first enters
/// `needs_attention`, when the integration's health turns bad, and when a reconciliation finds something (`notify`).
/// It follows what the engines publish (`observe`, called by `EngineHost` for every event, in the process that runs
/// the engine — `cin7bridge run` or the TUI), throttles storms (`AlertThrottle`) and delivers in the background:
/// nothing here blocks or fails an engine.
public final class AlertDispatcher: Sendable {
    /// How one alert went, kept for diagnostics and tests (the last `keptDeliveries`).
    public struct Delivery: Sendable, Equatable {
        public var integrationID: Int64
        public var kind: AlertEvent.Kind
        public var isSummary: Bool
        public var count: Int
        public var delivered: Bool
        public var attempts: Int
    }

    private struct Integration {
        /// Units known to be in `needs_attention`: an alert goes only when one enters it.
        var attention: Set<Int64> = []
        var running = false
        var healthBad = false
        var lastHealthCheck = Date.distantPast
        var checkingHealth = false
        /// The hook as last read from the configuration (for summaries sent later).
        var hook: AlertHook?
        /// The configuration as the host last handed it over (`follow`); nil: read it from the store when needed.
        var config: IntegrationConfig?
        var throttle = AlertThrottle()
        var flushAt: Date?
        /// The last delivery started, so the next waits for it (alerts arrive in order).
        var lastDelivery: Task<Void, Never>?
    }

    private struct State {
        var integrations: [Int64: Integration] = [:]
        /// Deliveries in flight, which `finish` waits for.
        var deliveries: [Int: Task<Void, Never>] = [:]
        /// Everything else in flight (reads, flush timers), which `finish` cancels.
        var work: [Int: Task<Void, Never>] = [:]
        var nextTask = 0
        var finished = false
        var log: [Delivery] = []
    }

    private let store: BridgeStore
    private let clock: any BridgeClock
    private let logger: Logger
    private let delivery: AlertDelivery
    private let state = Mutex(State())
    /// Least seconds between two looks at one integration's health.
    public let healthInterval: TimeInterval
    public static let keptDeliveries = 200

    public init(
        store: BridgeStore,
        clock: any BridgeClock = SystemClock(),
        logger: Logger = Logger(label: "cin7bridge.alerts"),
        allowInsecureHTTP: Bool = false,
        transport: (any HTTPTransport)? = nil,
        healthInterval: TimeInterval = 2
    ) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.healthInterval = healthInterval
        delivery = AlertDelivery(
            transport: transport ?? AsyncHTTPTransport(allowInsecureHTTP: allowInsecureHTTP),
            clock: clock,
            logger: logger
        )
    }

    /// The last deliveries, oldest first.
    public var deliveries: [Delivery] { state.withLock { $0.log } }

    // MARK: Following the engine

    /// Looks at one engine event; cheap and non-blocking (work is done in background tasks). Called by the host for
    /// every event its engines publish.
    public func observe(_ event: EngineEvent) {
        switch event {
        case .running(let id, let isRunning):
            guard id != 0 else { return }
            if isRunning {
                // Units already waiting for a person when the engine starts were alerted before (or before there was a hook).
                let waiting = (try? store.units(state: .needsAttention, integrationID: id, limit: 1_000_000)) ?? []
                state.withLock { state in
                    var integration = state.integrations[id] ?? Integration()
                    integration.attention = Set(waiting.compactMap(\.id))
                    integration.running = true
                    integration.healthBad = false
                    state.integrations[id] = integration
                }
            } else {
                state.withLock { $0.integrations[id]?.running = false }
            }
        case .unitChanged(let id, let unitID, let newState):
            let entered = state.withLock { state -> Bool in
                var integration = state.integrations[id] ?? Integration()
                defer { state.integrations[id] = integration }
                if newState == .needsAttention { return integration.attention.insert(unitID).inserted }
                integration.attention.remove(unitID)
                return false
            }
            if entered { background { $0.unitNeedsAttention(integrationID: id, unitID: unitID) } }
        case .status(let status):
            let id = status.integrationID
            let now = clock.now
            let due = state.withLock { state -> Bool in
                // Known to have no hook: nothing to look at (500 integrations would otherwise each be read every 2 s).
                guard var integration = state.integrations[id], integration.running, status.owner != nil, !integration.checkingHealth,
                    integration.config == nil || integration.hook?.isBlank == false,
                    now.timeIntervalSince(integration.lastHealthCheck) >= healthInterval
                else { return false }
                integration.checkingHealth = true
                integration.lastHealthCheck = now
                state.integrations[id] = integration
                return true
            }
            if due { background { $0.checkHealth(integrationID: id) } }
        case .reconciled(let id, let findings):
            guard findings > 0 else { return }
            background { dispatcher in
                guard let report = try? dispatcher.store.lastReconciliation(integrationID: id), !report.isClean else { return }
                dispatcher.offer(.reconciliationFindings(report))
            }
        case .timeline, .commandFinished, .problem:
            break
        }
    }

    /// Takes the configurations of the integrations the host runs (it decodes each once per change), so alerts read
    /// no configuration from the store and integrations without a hook cost nothing.
    public func follow(_ configs: [Int64: IntegrationConfig]) {
        state.withLock { state in
            for (id, config) in configs {
                state.integrations[id, default: Integration()].config = config
                state.integrations[id]?.hook = config.alerts
            }
            for id in state.integrations.keys where configs[id] == nil { state.integrations[id]?.config = nil }
        }
    }

    /// Sends `event` to its integration's hook, throttled with the others of its kind. The entry point for alerts
    /// that do not come from `observe` (a reconciliation's findings).
    public func notify(_ event: AlertEvent) {
        background { $0.offer(event) }
    }

    /// Sends what is held for summaries now and waits up to `grace` for deliveries in flight (the process is
    /// stopping). Later alerts are dropped.
    public func finish(within grace: Duration = .seconds(5)) async {
        let now = clock.now
        let summaries = state.withLock { state -> [(AlertEvent, AlertHook)] in
            state.finished = true
            var summaries: [(AlertEvent, AlertHook)] = []
            for (id, var integration) in state.integrations {
                if let hook = integration.hook { summaries += integration.throttle.flush(now: now).map { ($0, hook) } }
                state.integrations[id] = integration
            }
            return summaries
        }
        for (event, hook) in summaries { deliver(event, to: hook, force: true) }
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            for task in state.work.values { task.cancel() }
            return Array(state.deliveries.values)
        }
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for task in tasks { await task.value }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            _ = await group.next()
            group.cancelAll()
        }
    }

    // MARK: Work

    private func unitNeedsAttention(integrationID: Int64, unitID: Int64) {
        guard let config = hookedConfig(integrationID), let hook = config.alerts else { return }
        guard let unit = try? store.unit(id: unitID), unit.state == .needsAttention else { return }
        offer(.orderNeedsAttention(unit, integrationName: config.name, at: clock.now), hook: hook)
    }

    private func checkHealth(integrationID: Int64) {
        defer { state.withLock { $0.integrations[integrationID]?.checkingHealth = false } }
        guard let config = hookedConfig(integrationID),
            let health = try? IntegrationHealth.evaluate(id: integrationID, config: config, store: store, now: clock.now)
        else { return }
        let signals = HealthSignal.signals(in: health)
        let turnedBad = state.withLock { state -> Bool in
            guard var integration = state.integrations[integrationID], integration.running else { return false }
            defer { state.integrations[integrationID] = integration }
            let wasBad = integration.healthBad
            integration.healthBad = !signals.isEmpty
            return !wasBad && !signals.isEmpty
        }
        if turnedBad { notify(.healthTurnedBad(integrationID: integrationID, integrationName: config.name, signals: signals, at: clock.now)) }
    }

    /// The integration's configuration when it has a hook (the hook is remembered for later summaries).
    private func hookedConfig(_ integrationID: Int64) -> IntegrationConfig? {
        let followed = state.withLock { $0.integrations[integrationID]?.config }
        guard let config = followed ?? (try? store.integration(id: integrationID)?.decodedConfig()) else { return nil }
        state.withLock { $0.integrations[integrationID, default: Integration()].hook = config.alerts }
        guard let hook = config.alerts, !hook.isBlank else { return nil }
        return config
    }

    private func offer(_ event: AlertEvent) {
        guard let config = hookedConfig(event.integrationID), let hook = config.alerts else { return }
        var event = event
        event.integrationName = config.name
        offer(event, hook: hook)
    }

    private func offer(_ event: AlertEvent, hook: AlertHook) {
        let now = clock.now
        let (toSend, flushAt) = state.withLock { state -> ([AlertEvent], Date?) in
            guard !state.finished else { return ([], nil) }
            var integration = state.integrations[event.integrationID] ?? Integration()
            defer { state.integrations[event.integrationID] = integration }
            var toSend = integration.throttle.due(now: now, quietPeriod: hook.quietPeriod)
            if let immediate = integration.throttle.offer(event, quietPeriod: hook.quietPeriod, now: now) { toSend.append(immediate) }
            return (toSend, scheduleFlush(&integration))
        }
        for event in toSend { deliver(event, to: hook) }
        if let flushAt { scheduleFlushTask(integrationID: event.integrationID, at: flushAt) }
    }

    /// The moment a flush task should wake for `integration`, when none is set for then yet.
    private func scheduleFlush(_ integration: inout Integration) -> Date? {
        guard let deadline = integration.throttle.nextDeadline else { return nil }
        if let set = integration.flushAt, set <= deadline { return nil }
        integration.flushAt = deadline
        return deadline
    }

    private func scheduleFlushTask(integrationID: Int64, at deadline: Date) {
        background { dispatcher in
            try? await dispatcher.clock.sleep(until: deadline)
            dispatcher.flush(integrationID: integrationID, scheduledFor: deadline)
        }
    }

    /// Sends the summaries whose quiet period has ended.
    private func flush(integrationID: Int64, scheduledFor deadline: Date) {
        let now = clock.now
        let (toSend, hook, next) = state.withLock { state -> ([AlertEvent], AlertHook?, Date?) in
            guard !state.finished, var integration = state.integrations[integrationID] else { return ([], nil, nil) }
            defer { state.integrations[integrationID] = integration }
            if integration.flushAt == deadline { integration.flushAt = nil }
            guard let hook = integration.hook else { return ([], nil, nil) }
            let due = integration.throttle.due(now: now, quietPeriod: hook.quietPeriod)
            return (due, hook, scheduleFlush(&integration))
        }
        if let hook { for event in toSend { deliver(event, to: hook) } }
        if let next { scheduleFlushTask(integrationID: integrationID, at: next) }
    }

    private func deliver(_ event: AlertEvent, to hook: AlertHook, force: Bool = false) {
        let payload = AlertPayload(event)
        let delivery = self.delivery
        state.withLock { state in
            guard force || !state.finished else { return }
            let previous = state.integrations[event.integrationID]?.lastDelivery
            let task = track(&state, delivery: true) { dispatcher in
                await previous?.value
                let outcome = await delivery.deliver(payload, to: hook)
                dispatcher.record(event, outcome)
            }
            state.integrations[event.integrationID, default: Integration()].lastDelivery = task
        }
    }

    private func record(_ event: AlertEvent, _ outcome: AlertDelivery.Outcome) {
        let (delivered, attempts) =
            switch outcome {
            case .delivered(let attempts): (true, attempts)
            case .gaveUp(let attempts, _): (false, attempts)
            }
        let entry = Delivery(
            integrationID: event.integrationID,
            kind: event.kind,
            isSummary: event.isSummary,
            count: event.count,
            delivered: delivered,
            attempts: attempts
        )
        state.withLock { state in
            state.log.append(entry)
            if state.log.count > Self.keptDeliveries { state.log.removeFirst(state.log.count - Self.keptDeliveries) }
        }
    }

    // MARK: Tasks

    /// Runs `work` in a task the dispatcher keeps until it ends (so `finish` can cancel it).
    private func background(_ work: @escaping @Sendable (AlertDispatcher) async -> Void) {
        state.withLock { state in
            guard !state.finished else { return }
            _ = track(&state, delivery: false, work)
        }
    }

    private func track(_ state: inout State, delivery: Bool, _ work: @escaping @Sendable (AlertDispatcher) async -> Void) -> Task<Void, Never> {
        let key = state.nextTask
        state.nextTask += 1
        let task = Task { [self] in
            await work(self)
            self.state.withLock { state in
                if delivery { state.deliveries[key] = nil } else { state.work[key] = nil }
            }
        }
        if delivery { state.deliveries[key] = task } else { state.work[key] = task }
        return task
    }
}
