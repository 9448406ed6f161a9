import BridgeSupport
import Foundation
import Simulators
import Synchronization

@testable import Cin7Core

/// A running simulator and a client pointed at it.
struct Cin7Harness {
    let simulator: Cin7Simulator
    let client: Cin7Client
    let records: RecordLog

    static func start(
        _ configure: (inout Cin7SimulatorConfiguration) -> Void = { _ in },
        client adjust: (inout Cin7Configuration) -> Void = { _ in }
    ) async throws -> Cin7Harness {
        var config = Cin7SimulatorConfiguration()
        config.rateLimitEnabled = false
        configure(&config)
        let simulator = Cin7Simulator(configuration: config)
        let url = try await simulator.start()
        var clientConfig = Cin7Configuration(
            baseURL: url,
            credentials: Cin7Credentials(accountID: config.accountID, applicationKey: Secret(config.applicationKey)),
            rate: RatePolicy(limit: 10_000, window: 1),
            retry: RetryPolicy(maxAttempts: 6, backoff: Backoff(base: 0.01, cap: 0.05)),
            timeout: 5,
            throttleCooldown: 0.2
        )
        adjust(&clientConfig)
        let records = RecordLog()
        let client = Cin7Client(configuration: clientConfig, observer: { records.append($0) })
        return Cin7Harness(simulator: simulator, client: client, records: records)
    }

    func stop() async { await simulator.stop() }

    /// The TaskID of a sale's first fulfilment (a Simple Sale's is not its SaleID).
    func taskID(_ ref: SimSaleRef) -> String { simulator.snapshot(saleID: ref.saleID)?.fulfilments.first?.taskID ?? "" }

    /// A warehouse with a bin, two products, a carrier and one authorised simple sale.
    @discardableResult
    func seedSimpleSale(lines: [SimLine] = [SimLine(sku: "TENT-2P", quantity: 3), SimLine(sku: "MAT", quantity: 1)]) -> SimSaleRef {
        if simulator.allSales.isEmpty {
            let main = simulator.addLocation(name: "Main Warehouse")
            simulator.addLocation(name: "Main Warehouse: A-01", parentID: main, isBin: true)
            simulator.addProduct(sku: "TENT-2P", name: "2-Person Tent")
            simulator.addProduct(sku: "MAT", name: "Sleeping Mat")
            simulator.addProduct(sku: "INSTALL", name: "Installation", type: "Service")
        }
        let ref = simulator.createSale(
            SimSaleDraft(
                customer: "Harbour Outdoor Ltd",
                location: "Main Warehouse",
                lines: lines,
                additionalCharges: ["Freight"],
                shippingAddress: SimAddress(
                    line1: "12 Dock Rd",
                    city: "Geelong",
                    state: "VIC",
                    postcode: "3220",
                    country: "Australia",
                    company: "Harbour Outdoor Ltd",
                    contact: "Receiving Dept"
                ),
                phone: "03 3189080",
                email: "orders@harbour.example",
                shippingNotes: "Deliver to dock 2",
                memo: "Fragile",
                customerReference: "PO-7781",
                shipBy: "2026-12-01"
            )
        )
        simulator.authorise(saleID: ref.saleID)
        return ref
    }
}

final class RecordLog: Sendable {
    private let storage = Mutex<[APICallRecord]>([])
    func append(_ record: APICallRecord) { storage.withLock { $0.append(record) } }
    var all: [APICallRecord] { storage.withLock { $0 } }
}
