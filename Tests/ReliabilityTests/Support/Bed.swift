import BridgeSupport
import Foundation
import Logging
import Simulators
import Synchronization
import SyncEngine
import TestSupport
import Testing

/// Both simulators on loopback, a data directory and an engine host, with time compressed through configuration
/// (the harness pattern of `SyncEngineTests/Support/TestBed.swift`), plus what reliability tests need: a chosen data
/// directory, an injected clock and logger, and a recorder of the engine's events (the only place a storage pause is
/// visible while the database cannot be written).
final class Bed: Sendable {
    let cin7: Cin7Simulator
    let cartonCloud: CartonCloudSimulator
    let store: BridgeStore
    let directory: URL
    let host: EngineHost
    let cin7URL: URL
    let cartonCloudURL: URL
    let mainWarehouseID: String
    let runTask: Task<Void, Never>
    let events: EventRecorder
    let cin7Config: Cin7SimulatorConfiguration
    let cartonCloudConfig: CartonCloudSimulatorConfiguration

    init(
        cin7Configuration: Cin7SimulatorConfiguration = Bed.fastCin7(), cartonCloudConfiguration: CartonCloudSimulatorConfiguration = Bed.fastCartonCloud(),
        directory: URL? = nil, clock: any BridgeClock = SystemClock(), logger: Logger = Logger(label: "cin7bridge.test", factory: { _ in SwiftLogNoOpLogHandler() }),
        start: Bool = true, configure: (inout IntegrationConfig) -> Void = { _ in }
    ) async throws {
        cin7Config = cin7Configuration
        cartonCloudConfig = cartonCloudConfiguration
        cin7 = Cin7Simulator(configuration: cin7Configuration)
        cartonCloud = CartonCloudSimulator(configuration: cartonCloudConfiguration)
        cin7URL = try await cin7.start()
        cartonCloudURL = try await cartonCloud.start()
        _ = cin7.addLocation(name: "Main Warehouse")
        for sku in ["TENT-2P", "BAG-35L", "STOVE-GAS"] { _ = cin7.addProduct(sku: sku, name: "Product \(sku)") }
        _ = cin7.addCustomer(name: "Harbour Outdoor Ltd")
        mainWarehouseID = cartonCloud.addWarehouse(name: "Sydney DC")
        for sku in ["TENT-2P", "BAG-35L", "STOVE-GAS"] { _ = cartonCloud.addProduct(code: sku, name: "Product \(sku)") }

        self.directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-rel-\(UUID().uuidString)")
        store = try BridgeStore(directory: self.directory)
        var config = IntegrationConfig(name: "Test")
        config.cin7 = .init(accountID: cin7Configuration.accountID, applicationKey: Secret(cin7Configuration.applicationKey), baseURL: cin7URL.absoluteString)
        config.warehouse = .init(
            baseURL: cartonCloudURL.absoluteString, tenantID: cartonCloud.tenantID, clientID: cartonCloudConfiguration.clientID,
            clientSecret: Secret(cartonCloudConfiguration.clientSecret), customerID: cartonCloud.customerID)
        config.orderCreation.defaultWarehouse = .init(id: mainWarehouseID, name: "Sydney DC")
        config.orderCreation.goLive = .fromDate(Date().addingTimeInterval(-3600))
        config.limits = IntegrationConfig.Limits(
            cin7CallsPerWindow: cin7Configuration.rateLimit, cin7Window: cin7Configuration.rateWindow,
            warehouseCreatesPerWindow: cartonCloudConfiguration.createRateLimit, warehouseWindow: cartonCloudConfiguration.createRateWindow,
            pollInterval: 0.2, pollOverlap: 5, stuckAfter: 600, retryBase: 0.1, retryCap: 1, requestTimeout: 2)
        configure(&config)
        try store.saveIntegration(config, actor: "test")
        host = EngineHost(store: store, clock: clock, logger: logger, reconcileInterval: 0.2)
        events = EventRecorder(host.events)
        let host = self.host
        runTask = start ? Task { await host.run() } : Task {}
    }

    static func fastCin7() -> Cin7SimulatorConfiguration {
        var configuration = Cin7SimulatorConfiguration()
        configuration.rateLimit = 60
        configuration.rateWindow = 1
        return configuration
    }

    static func fastCartonCloud() -> CartonCloudSimulatorConfiguration {
        var configuration = CartonCloudSimulatorConfiguration()
        configuration.createRateLimit = 30
        configuration.createRateWindow = 1
        return configuration
    }

    var integrationID: Int64 { (try? store.integration(named: "Test"))??.id ?? 0 }

    @discardableResult
    func sale(sku: String = "TENT-2P", quantity: Double = 2, customer: String = "Harbour Outdoor Ltd", notes: String = "Leave at dock 2") -> SimSaleRef {
        let ref = cin7.createSale(SimSaleDraft(
            customer: customer, location: "Main Warehouse", lines: [SimLine(sku: sku, quantity: quantity)], additionalCharges: ["Freight"],
            shippingAddress: SimAddress(company: customer, contact: "Receiving"), phone: "03 9000 0001", email: "orders@example.com",
            shippingNotes: notes, memo: "Fragile", customerReference: "PO-1", shipBy: "2026-12-24"))
        cin7.authorise(saleID: ref.saleID)
        return ref
    }

    func units(_ ref: SimSaleRef) -> [ShipmentUnit] { (try? store.units(integrationID: integrationID, saleID: ref.saleID)) ?? [] }
    func unit(_ ref: SimSaleRef) -> ShipmentUnit? { units(ref).first }

    /// Waits (polling, never a fixed sleep) until `condition` holds.
    func wait(_ what: String, timeout: TimeInterval = 30, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? condition()) == true { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let status = try? store.status(integrationID: integrationID)
        Issue.record("timed out waiting for \(what); engine: \(status?.lastError ?? "no error"), paused: \(events.lastPausedReason ?? status?.pausedReason ?? "no")")
        throw TimeoutError(what: what)
    }

    /// Dispatches in the warehouse every unit that is `in_warehouse` and not yet dispatched there.
    func dispatchReady(tracking: (String) -> SimTracking? = { SimTracking(number: "TRK-\($0)", carrier: "Aramex", url: "https://track.example/\($0)") }) -> Int {
        let ready = (try? store.units(state: .inWarehouse, integrationID: integrationID, limit: 100_000)) ?? []
        var count = 0
        for unit in ready {
            guard let orderID = unit.warehouseOrderID, let order = cartonCloud.order(id: orderID), order.status != "DISPATCHED", !order.deleted else { continue }
            cartonCloud.pick(orderID: orderID)
            cartonCloud.pack(orderID: orderID)
            cartonCloud.dispatch(orderID: orderID, tracking: tracking(unit.reference))
            count += 1
        }
        return count
    }

    /// The engine issue's invariants for `sales`: each ends completed with exactly one live warehouse order and one
    /// authorised shipment written once. Returns the number of sales that broke them ("orders lost").
    func lostOrders(_ sales: [SimSaleRef]) -> [String] {
        var lost: [String] = []
        for ref in sales {
            let units = units(ref)
            let live = cartonCloud.orders(reference: ref.orderNumber).filter { !$0.deleted && $0.status != "REJECTED" }
            let snapshot = cin7.snapshot(saleID: ref.saleID)
            let shipPosts = cin7.stats.shipPostsBySale[ref.saleID] ?? 0
            let ok = units.count == 1 && units[0].state == .completed && live.count == 1
                && snapshot?.fulfilments.first?.shipStatus == "AUTHORISED" && shipPosts == 1
            if !ok {
                lost.append("\(ref.orderNumber): units \(units.map(\.state.rawValue)), live warehouse orders \(live.count), ship \(snapshot?.fulfilments.first?.shipStatus ?? "-"), ship posts \(shipPosts), reason \(units.first?.reason ?? "")")
            }
        }
        return lost
    }

    func shutdown(removeDirectory: Bool = true) async {
        host.stop()
        await runTask.value
        await cin7.stop()
        await cartonCloud.stop()
        events.stop()
        if removeDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    struct TimeoutError: Error { var what: String }
}

/// Keeps what the engine publishes on `EngineHost.events`.
final class EventRecorder: Sendable {
    private struct State {
        var pausedReasons: [String] = []
        var problems: [String] = []
        var lastStatus: IntegrationStatus?
    }

    private final class Box: Sendable { let state = Mutex(State()) }
    private let box = Box()
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ events: AsyncStream<EngineEvent>) {
        let box = self.box
        let task = Task {
            for await event in events {
                switch event {
                case .status(let status):
                    box.state.withLock { state in
                        state.lastStatus = status
                        if let reason = status.pausedReason, state.pausedReasons.last != reason { state.pausedReasons.append(reason) }
                    }
                case .problem(_, let message):
                    box.state.withLock { $0.problems.append(message) }
                default:
                    break
                }
            }
        }
        self.task.withLock { $0 = task }
    }

    var pausedReasons: [String] { box.state.withLock { $0.pausedReasons } }
    var problems: [String] { box.state.withLock { $0.problems } }
    var lastStatus: IntegrationStatus? { box.state.withLock { $0.lastStatus } }
    var lastPausedReason: String? { box.state.withLock { $0.lastStatus?.pausedReason } }

    func stop() { task.withLock { $0?.cancel() } }
}

/// A clock that never waits: sleeping moves its time to the deadline (retry and rate logic run instantly).
final class VirtualClock: BridgeClock {
    private let current = Mutex(Date(timeIntervalSince1970: 1_767_225_600))
    var now: Date { current.withLock { $0 } }
    func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
        await Task.yield()
    }
}

/// The real clock plus an offset that a test can jump forwards or backwards.
final class JumpClock: BridgeClock {
    private let offset = Mutex<TimeInterval>(0)
    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func jump(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
    func sleep(until deadline: Date) async throws {
        // Like `SystemClock`: the wait is measured when it starts and then runs on a monotonic clock, so setting the
        // wall clock during a sleep neither cuts it short nor stretches it.
        let remaining = deadline.timeIntervalSince(now)
        if remaining <= 0 { try Task.checkCancellation(); return }
        try await Task.sleep(nanoseconds: UInt64(remaining * 1_000_000_000))
    }
}

/// An HTTP transport that answers from a function (the fuzzers' I/O seam: the client's real decoding runs).
struct FunctionTransport: HTTPTransport {
    let answer: @Sendable (HTTPRequestSpec) throws -> HTTPResponseSpec
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec { try answer(request) }
}

/// The real transport, remembering the last answer per method and path (to take realistic seed bodies).
final class RecordingTransport: HTTPTransport {
    private let inner = AsyncHTTPTransport()
    private let answers = Mutex<[HTTPResponseSpec]>([])
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec {
        let response = try await inner.send(request)
        answers.withLock { $0.append(response) }
        return response
    }
    /// The last answer that was not the token end point's.
    var last: HTTPResponseSpec? { answers.withLock { $0.last } }
    func reset() { answers.withLock { $0.removeAll() } }
}

/// Process figures for the soak.
enum ProcessFigures {
    static var residentKB: Int { residentKB(of: "self") }
    static var openFDs: Int { openFDs(of: "self") }

    /// VmRSS of a process (`self` or a pid), in kB.
    static func residentKB(of process: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
        }
        return 0
    }

    static func openFDs(of process: String) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process)/fd").count) ?? 0
    }
}

/// Runs a command and returns its exit status and output.
@discardableResult
func runCommand(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String, signalled: Bool) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    let status = process.waitForExit() ?? -1
    return (status, String(decoding: data, as: UTF8.self), status > 128)
}
