import Foundation
import Synchronization

/// A ShipStation V1 API server on loopback, written from shipstation-api.md (not from our client): Basic auth, the
/// key pair's fixed-window rate limit with `X-Rate-Limit-*` headers, orders upserted by `orderKey` (updates only
/// while open), starts-with `orderNumber` search, paging envelopes, Pacific dates without offset, soft delete,
/// shipments with voided labels, fulfilments, warehouses, stores and carriers, and fault injection.
public final class ShipStationSimulator: Sendable {
    struct State: Sendable {
        var configuration: ShipStationSimulatorConfiguration
        var orders: [Int: ShipStationSimOrder] = [:]
        var shipments: [ShipStationSimShipment] = []
        var fulfillments: [ShipStationSimFulfillment] = []
        var nextOrderID = 100_000_001
        var nextItemID = 200_000_001
        var nextShipmentID = 300_000_001
        var nextFulfillmentID = 400_000_001
        var rateWindows: [String: (start: Date, count: Int)] = [:]
        var clockOffset: TimeInterval = 0
        var stats = ShipStationSimulatorStats()

        var now: Date { Date().addingTimeInterval(clockOffset) }

        /// Spends `calls` of `bucket`'s fixed window (L61); returns whether the last one was allowed and the
        /// `X-Rate-Limit-*` headers (L59).
        mutating func spendRate(bucket: String, calls: Int) -> (Bool, [(String, String)]) {
            let now = self.now
            let limit = configuration.rateLimit
            var window = rateWindows[bucket] ?? (now, 0)
            if now >= window.start.addingTimeInterval(configuration.rateWindow) || window.start > now { window = (now, 0) }
            var allowed = true
            for _ in 0..<max(1, calls) {
                if window.count >= limit { allowed = false } else { window.count += 1 }
            }
            rateWindows[bucket] = window
            let reset = max(0, Int(window.start.addingTimeInterval(configuration.rateWindow).timeIntervalSince(now).rounded(.up)))
            return (
                allowed,
                [
                    ("X-Rate-Limit-Limit", String(limit)), ("X-Rate-Limit-Remaining", String(max(0, limit - window.count))),
                    ("X-Rate-Limit-Reset", String(reset)),
                ]
            )
        }
    }

    let state: Mutex<State>
    let injector: FaultInjector
    private let server = SimulatorServer(label: "ShipStation simulator")
    private let bound = Mutex<URL?>(nil)

    public init(configuration: ShipStationSimulatorConfiguration = .init()) {
        state = Mutex(State(configuration: configuration))
        injector = FaultInjector(faults: configuration.faults, seed: configuration.seed)
    }

    public var configuration: ShipStationSimulatorConfiguration { state.withLock { $0.configuration } }

    /// Changes the account's settings at run time (switches, rate limit, fixtures).
    public func updateConfiguration(_ change: @Sendable (inout ShipStationSimulatorConfiguration) -> Void) {
        state.withLock { change(&$0.configuration) }
    }

    // MARK: Server

    /// Starts serving; returns the base URL (`http://127.0.0.1:<port>`). Port 0 picks a free port.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> URL {
        let listening = try await server.start(router(), host: host, port: port)
        let url = URL(string: "http://\(host):\(listening)")!
        bound.withLock { $0 = url }
        return url
    }

    public func stop() async {
        await server.stop()
    }

    /// The base URL once started.
    public var baseURL: URL? { bound.withLock { $0 } }

    public var faults: SimulatorFaults {
        get { injector.faults }
        set { injector.faults = newValue }
    }

    public var stats: ShipStationSimulatorStats {
        var stats = state.withLock { $0.stats }
        stats.faultsInjected = injector.injected
        return stats
    }

    public var apiKey: String { configuration.apiKey }
    public var apiSecret: String { configuration.apiSecret }
    /// The simulator's clock (wall time plus `advanceTime`).
    public var now: Date { state.withLock { $0.now } }

    /// Moves the simulator's clock (dates it writes, the rate window) forward.
    public func advanceTime(by seconds: TimeInterval) {
        state.withLock { $0.clockOffset += seconds }
    }
}
