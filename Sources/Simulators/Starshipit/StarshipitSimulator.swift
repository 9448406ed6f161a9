import Foundation
import Synchronization

/// A Starshipit API server on loopback, written from starshipit-api.md (not from our client): the two key headers
/// (APIM subscription key, account API key), the rate tier with 429, the `{"success", "errors"}` envelope, orders
/// with `order_id`, each list's own paging names and 24-hour default window, Unshipped → Printed → Shipped, delete
/// while unshipped, the duplicate `order_number` switch, and fault injection.
public final class StarshipitSimulator: Sendable {
    struct State: Sendable {
        var configuration: StarshipitSimulatorConfiguration
        var orders: [Int: StarshipitSimOrder] = [:]
        var sequence: [Int] = []
        var nextOrderID: Int
        var nextItemID = 5_000_001
        var nextPackageID = 7_000_001
        var nextTracking = 1
        var arrivals: [Date] = []
        var clockOffset: TimeInterval = 0
        var stats = StarshipitSimulatorStats()

        var now: Date { Date().addingTimeInterval(clockOffset) }
    }

    let state: Mutex<State>
    let injector: FaultInjector
    private let server = SimulatorServer(label: "Starshipit simulator")
    private let bound = Mutex<URL?>(nil)

    public init(configuration: StarshipitSimulatorConfiguration = .init()) {
        state = Mutex(State(configuration: configuration, nextOrderID: configuration.firstOrderID))
        injector = FaultInjector(faults: configuration.faults, seed: configuration.seed &+ 1)
    }

    public var configuration: StarshipitSimulatorConfiguration { state.withLock { $0.configuration } }

    /// Changes account settings at run time (tier, duplicate policy, status switches…).
    public func updateConfiguration(_ change: @Sendable (inout StarshipitSimulatorConfiguration) -> Void) {
        state.withLock { change(&$0.configuration) }
    }

    // MARK: Server

    /// Starts serving; returns the base URL (`http://127.0.0.1:<port>`). Port 0 picks a free port.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> URL {
        let port = try await server.start(router(), host: host, port: port)
        let url = URL(string: "http://\(host):\(port)")!
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

    public var stats: StarshipitSimulatorStats {
        var stats = state.withLock { $0.stats }
        stats.faultsInjected = injector.injected
        return stats
    }

    public var apiKey: String { configuration.apiKey }
    public var subscriptionKey: String { configuration.subscriptionKey }
    /// The simulator's clock (wall time plus `advanceTime`).
    public var now: Date { state.withLock { $0.now } }

    /// Moves the simulator's clock forward (the 24-hour default windows, print dates).
    public func advanceTime(by seconds: TimeInterval) {
        state.withLock { $0.clockOffset += seconds }
    }

    // MARK: Test hooks

    /// Warehouse staff print labels (starshipit-api.md L238, L280, L358): Unshipped → Printed, with `packages`
    /// packages, each with its own tracking number and URL and `label_created_date` (L156, L322), and the order's
    /// carrier. Returns the tracking numbers, nil when the order cannot be printed (deleted, already printed).
    @discardableResult
    public func printLabel(
        orderID: Int,
        carrier: String = "AusPost",
        carrierName: String = "Australia Post",
        serviceCode: String = "7B05",
        serviceName: String = "Parcel Post",
        packages: Int = 1,
        trackingNumbers: [String]? = nil
    ) -> [String]? {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted, !order.archived,
                StarshipitSimulator.isUnshipped(order.status)
            else { return nil }
            let now = state.now
            var numbers: [String] = []
            order.packages = (0..<max(1, packages)).map { index in
                let number = trackingNumbers.flatMap { index < $0.count ? $0[index] : nil } ?? StarshipitSimulator.trackingNumber(state.nextTracking)
                state.nextTracking += 1
                numbers.append(number)
                defer { state.nextPackageID += 1 }
                return StarshipitSimPackage(
                    packageID: state.nextPackageID,
                    name: "Package \(index + 1)",
                    weight: 1,
                    carrierServiceCode: serviceCode,
                    carrierServiceName: serviceName,
                    trackingNumber: number,
                    trackingURL: "https://track.example/\(carrier)/\(number)",
                    labelCreatedDate: now
                )
            }
            order.carrier = carrier
            order.carrierName = carrierName
            order.carrierServiceCode = serviceCode
            order.status = "Printed"
            order.printedAt = now
            order.lastUpdated = now
            state.orders[orderID] = order
            return numbers
        }
    }

    /// The manifest (manual, or the nightly run for printed, non-archived, non-manifested orders, L239): Printed →
    /// Shipped, `manifested: true`. Returns false when the order is not printed.
    @discardableResult
    public func manifest(orderID: Int) -> Bool {
        mutate(orderID) { order in
            guard order.status == "Printed", !order.archived, !order.manifested else { return false }
            order.status = "Shipped"
            order.manifested = true
            return true
        }
    }

    /// The courier delivered it (L246): Shipped → Delivered.
    @discardableResult
    public func deliver(orderID: Int) -> Bool {
        mutate(orderID) { order in
            guard order.status == "Shipped" else { return false }
            order.status = "Delivered"
            return true
        }
    }

    /// Archives a printed or shipped order (L227): it stops being live.
    @discardableResult
    public func archive(orderID: Int) -> Bool {
        mutate(orderID) { order in
            guard !StarshipitSimulator.isUnshipped(order.status), !order.archived else { return false }
            order.archived = true
            return true
        }
    }

    /// One order, deleted ones included.
    public func order(id: Int) -> StarshipitSimOrder? { state.withLock { $0.orders[id] } }

    /// Every order, oldest first (deleted ones included, flagged), optionally only those numbered `orderNumber`.
    public func allOrders(orderNumber: String? = nil) -> [StarshipitSimOrder] {
        state.withLock { state in
            state.sequence.compactMap { state.orders[$0] }.filter { orderNumber == nil || $0.orderNumber == orderNumber }
        }
    }

    /// Live (not deleted, not archived) orders per order number: the invariant checker's "exactly one".
    public func liveOrderCounts() -> [String: Int] {
        allOrders().filter(\.isLive).reduce(into: [:]) { $0[$1.orderNumber, default: 0] += 1 }
    }

    private func mutate(_ id: Int, _ change: (inout StarshipitSimOrder) -> Bool) -> Bool {
        state.withLock { state in
            guard var order = state.orders[id], !order.deleted else { return false }
            guard change(&order) else { return false }
            order.lastUpdated = state.now
            state.orders[id] = order
            return true
        }
    }

    /// `QQQ000000000000001`: the shape of the notes' Australia Post example (L292).
    static func trackingNumber(_ sequence: Int) -> String {
        let digits = String(sequence)
        return "QQQ" + String(repeating: "0", count: max(0, 15 - digits.count)) + digits
    }

    static func isUnshipped(_ status: String) -> Bool { status == "Unshipped" || status == "Saved" }
}
