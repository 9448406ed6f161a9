import Foundation
import Synchronization

/// A Cin7 Core External API v2 server on loopback: auth headers, case-insensitive routes, paging, the per-application
/// rate limit in its three documented shapes, the sale and fulfilment state machine, reference data, webhooks and
/// fault injection. Written from the API documents, independently of the `Cin7Core` client.
public final class Cin7Simulator: Sendable {
    let state: Mutex<Cin7SimState>
    let injector: FaultInjector
    private let server = SimulatorServer(label: "Cin7 Core simulator")
    private let url = Mutex<URL?>(nil)

    public init(configuration: Cin7SimulatorConfiguration = .init()) {
        state = Mutex(Cin7SimState(config: configuration))
        injector = FaultInjector(faults: configuration.faults, seed: configuration.seed)
    }

    // MARK: - Lifecycle

    /// Starts serving; returns the base URL (`http://127.0.0.1:<port>/ExternalApi/v2/`). Port 0 picks a free port.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> URL {
        let bound = try await server.start(router(), host: host, port: port)
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let url = URL(string: "http://\(displayHost):\(bound)/ExternalApi/v2/")!
        self.url.withLock { $0 = url }
        return url
    }

    public func stop() async {
        url.withLock { $0 = nil }
        await server.stop()
    }

    public var baseURL: URL? { url.withLock { $0 } }

    public var faults: SimulatorFaults {
        get { injector.faults }
        set { injector.faults = newValue }
    }

    /// The running configuration (rate limit, shapes, options); changes apply to the next request.
    public var configuration: Cin7SimulatorConfiguration {
        get { state.withLock { $0.config } }
        set { state.withLock { $0.config = newValue } }
    }

    // MARK: - Control API

    @discardableResult
    public func addLocation(name: String, parentID: String? = nil, isBin: Bool = false) -> String {
        state.withLock { state in
            let parent = parentID?.lowercased() ?? (isBin ? state.locations.first { $0.parentID == nil }?.id : nil)
            let location = SimLocation(id: state.newID(), name: name, parentID: parent)
            state.locations.append(location)
            return location.id
        }
    }

    @discardableResult
    public func addProduct(sku: String, name: String, type: String = "Stock") -> String {
        state.withLock { state in
            if let index = state.products.firstIndex(where: { $0.sku.caseInsensitiveCompare(sku) == .orderedSame }) {
                state.products[index].name = name
                state.products[index].type = type
                return state.products[index].id
            }
            let product = SimProduct(id: state.newID(), sku: sku, name: name, type: type, updated: state.stamp())
            state.products.append(product)
            return product.id
        }
    }

    @discardableResult
    public func addCustomer(name: String) -> String { state.withLock { $0.ensureCustomer(name).id } }

    @discardableResult
    public func addCarrier(_ description: String) -> String { state.withLock { $0.ensureCarrier(description).id } }

    /// Creates a sale with its order in DRAFT; `authorise` it to make it visible as an order to fulfil.
    @discardableResult
    public func createSale(_ draft: SimSaleDraft) -> SimSaleRef { state.withLock { $0.createSale(draft) } }

    /// OrderStatus AUTHORISED, Status ORDERED (or BACKORDERED), fulfilments created with Pick DRAFT.
    public func authorise(saleID: String) { state.withLock { $0.authorise(saleID.lowercased()) } }

    /// Status VOIDED and OrderStatus VOIDED.
    public func void(saleID: String) { state.withLock { $0.void(saleID.lowercased()) } }

    /// Changes lines and/or the shipping address (bumps `Updated`/`LastModifiedOn`).
    public func editSale(saleID: String, lines: [SimLine]? = nil, shippingAddress: SimAddress? = nil) {
        state.withLock { $0.edit(saleID.lowercased(), lines: lines, address: shippingAddress) }
    }

    /// A person picked, packed and shipped every fulfilment in Cin7 itself.
    public func shipViaUI(saleID: String, carrier: String, tracking: String) {
        state.withLock { $0.shipViaUI(saleID.lowercased(), carrier: carrier, tracking: tracking) }
    }

    /// What `POST sale/fulfilment` does: a new fulfilment whose draft pick is empty; returns its TaskID (nil when
    /// Cin7 would refuse, e.g. while another fulfilment's pick is not authorised).
    @discardableResult
    public func addFulfilment(saleID: String) -> String? {
        state.withLock { try? $0.newFulfilment(saleID.lowercased()).taskID }
    }

    /// A person fills in the empty draft pick of a fulfilment (moves the sale's `Updated`).
    public func fillDraftPick(taskID: String) { state.withLock { $0.fillDraftPick(taskID.lowercased()) } }

    /// What `DELETE sale/fulfilment?TaskID=&Void=true` does (Advanced Sales only).
    public func voidFulfilment(taskID: String) { state.withLock { _ = try? $0.voidFulfilment(taskID.lowercased()) } }

    /// A person picked and packed every open fulfilment in Cin7, into `boxes`.
    public func packViaUI(saleID: String, boxes: [String]) {
        state.withLock { $0.packViaUI(saleID.lowercased(), boxes: boxes) }
    }

    /// Marks a product deprecated: `product` lists it only with `IncludeDeprecated=true`.
    public func deprecateProduct(sku: String) {
        state.withLock { state in
            guard let index = state.products.firstIndex(where: { $0.sku.caseInsensitiveCompare(sku) == .orderedSame }) else { return }
            state.products[index].deprecated = true
            state.products[index].updated = state.stamp()
        }
    }

    /// Another API application using the same key just made `calls` calls (they count against the shared quota).
    public func spendQuota(calls: Int) { state.withLock { $0.spendQuota(calls) } }

    public func snapshot(saleID: String) -> SimSaleSnapshot? {
        state.withLock { $0.sales[saleID.lowercased()]?.snapshot() }
    }

    public var allSales: [SimSaleSnapshot] {
        state.withLock { state in state.saleOrder.compactMap { state.sales[$0]?.snapshot() } }
    }

    public var carrierNames: [String] { state.withLock { $0.carriers.map(\.description) } }

    public var stats: Cin7SimulatorStats {
        var stats = state.withLock { $0.stats }
        stats.faultsInjected = injector.injected
        return stats
    }

    public func resetStats() { state.withLock { $0.stats = Cin7SimulatorStats() } }

    /// Seeds a demo account: two warehouses with bins, customers, products, carriers and `sales` authorised sales
    /// (every fifth an Advanced Sale with two fulfilments, some with freight and drop-ship lines).
    @discardableResult
    public func seedDemoData(sales count: Int = 20) -> Cin7DemoSeed {
        let main = addLocation(name: "Main Warehouse")
        addLocation(name: "Main Warehouse: A-01", parentID: main, isBin: true)
        addLocation(name: "Main Warehouse: A-02", parentID: main, isBin: true)
        let north = addLocation(name: "Northside 3PL")
        addLocation(name: "Northside 3PL: Bulk", parentID: north, isBin: true)
        let products: [(String, String, String)] = [
            ("TENT-2P", "2-Person Tent", "Stock"), ("TENT-4P", "4-Person Tent", "Stock"), ("BAG-35L", "35L Day Pack", "Stock"),
            ("STOVE-GAS", "Gas Stove", "Stock"), ("MAT-SELF", "Self-inflating Mat", "Stock"), ("LAMP-HEAD", "Head Lamp", "Stock"),
            ("INSTALL", "Installation Service", "Service"),
        ]
        for product in products { addProduct(sku: product.0, name: product.1, type: product.2) }
        let customers = ["Rock Star Transport", "Harbour Outdoor Ltd", "Alpine Adventures", "Coastal Camping Co", "Summit Supplies"]
        for customer in customers { addCustomer(name: customer) }
        for carrier in ["Australia Post", "StarTrack", "DHL Express"] { addCarrier(carrier) }
        let cities: [(String, String, String)] = [
            ("Geelong", "VIC", "3220"), ("Newcastle", "NSW", "2300"), ("Cairns", "QLD", "4870"), ("Hobart", "TAS", "7000"),
        ]
        var refs: [SimSaleRef] = []
        for index in 0..<count {
            let sku1 = products[index % 6].0
            let sku2 = products[(index + 2) % 6].0
            let lines = [SimLine(sku: sku1, quantity: Double(1 + index % 3)), SimLine(sku: sku2, quantity: 1)]
            let city = cities[index % cities.count]
            let customer = customers[index % customers.count]
            let draft = SimSaleDraft(
                customer: customer,
                location: index % 4 == 3 ? "Northside 3PL" : "Main Warehouse",
                lines: lines + (index % 7 == 6 ? [SimLine(sku: "LAMP-HEAD", quantity: 1, dropShip: true)] : []),
                additionalCharges: index % 2 == 0 ? ["Freight"] : [],
                shippingAddress: SimAddress(
                    line1: "\(10 + index) Dock Rd",
                    city: city.0,
                    state: city.1,
                    postcode: city.2,
                    country: "AU",
                    company: customer,
                    contact: "Receiving"
                ),
                phone: "03 9000 \(String(format: "%04d", index))",
                email: "orders\(index)@example.com",
                shippingNotes: index % 3 == 0 ? "Deliver to dock 2" : "",
                memo: "",
                customerReference: "PO-\(7000 + index)",
                shipBy: "2026-12-\(String(format: "%02d", 1 + index % 28))",
                advancedFulfilments: index % 5 == 4 ? [[lines[0]], [lines[1]]] : nil
            )
            let ref = createSale(draft)
            authorise(saleID: ref.saleID)
            refs.append(ref)
        }
        return Cin7DemoSeed(
            locationIDs: ["Main Warehouse": main, "Northside 3PL": north],
            skus: products.map(\.0),
            customers: customers,
            sales: refs
        )
    }

    /// Seeds `simulator` for `cin7bridge simulate --seed-sales N`.
    @discardableResult
    public static func seedDemoData(into simulator: Cin7Simulator, sales: Int) -> Cin7DemoSeed {
        simulator.seedDemoData(sales: sales)
    }
}
