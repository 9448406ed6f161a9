import Foundation
import Simulators

/// The simulators started on loopback and seeded to agree with each other: Cin7 locations (with bins), customers
/// and products; CartonCloud warehouses and the same products — except one, so the demo shows a rejected order
/// that a person fixes; when asked for, ShipStation (ship-from warehouses named like CartonCloud's) and Starshipit (one
/// account, the unit there). Used by `cin7bridge simulate`, `cin7bridge demo` and the benchmarks.
public final class DemoWorld: Sendable {
    public let cin7: Cin7Simulator
    public let cartonCloud: CartonCloudSimulator
    public let cin7URL: URL
    public let cartonCloudURL: URL
    /// Cin7 location name → id.
    public let locations: [String: String]
    /// CartonCloud warehouse name → id.
    public let warehouses: [String: String]
    public let cin7Configuration: Cin7SimulatorConfiguration
    public let cartonCloudConfiguration: CartonCloudSimulatorConfiguration
    /// The ShipStation simulator when the world was started with one.
    public let shipStation: ShipStationSimulator?
    public let shipStationURL: URL?
    /// The Starshipit simulator when the world was started with one.
    public let starshipit: StarshipitSimulator?
    public let starshipitURL: URL?

    /// Stock SKUs both sides know.
    public static let stockSKUs = ["TENT-2P", "TENT-4P", "BAG-35L", "STOVE-GAS", "LAMP-HEAD"]
    /// A stock SKU the warehouse does not know until someone adds it.
    public static let missingSKU = "MAT-SELF"
    public static let serviceSKU = "INSTALL"
    public static let mainLocation = "Main Warehouse"
    public static let northLocation = "Northside 3PL"
    /// A Cin7 location the demo integration does not map.
    public static let unmappedLocation = "Showroom"
    public static let mainWarehouse = "Sydney DC"
    public static let northWarehouse = "Brisbane DC"
    /// ShipStation's ship-from warehouses: CartonCloud's names, so the demo's location mappings read the same.
    public static let shipStationWarehouses = [
        ShipStationSimWarehouse(id: 456_789, name: mainWarehouse, isDefault: true), ShipStationSimWarehouse(id: 456_790, name: northWarehouse),
    ]
    /// ShipStation carrier codes the demo warehouse ships with, and the Cin7 carrier each is written as.
    public static let shipStationCarriers = ["australia_post": "Australia Post", "startrack": "StarTrack"]
    public static let customers = ["Harbour Outdoor Ltd", "Alpine Adventures", "Coastal Camping Co", "Summit Supplies", "Rock Star Transport"]

    private init(
        cin7: Cin7Simulator,
        cartonCloud: CartonCloudSimulator,
        cin7URL: URL,
        cartonCloudURL: URL,
        locations: [String: String],
        warehouses: [String: String],
        cin7Configuration: Cin7SimulatorConfiguration,
        cartonCloudConfiguration: CartonCloudSimulatorConfiguration,
        shipStation: (simulator: ShipStationSimulator, url: URL)?,
        starshipit: (simulator: StarshipitSimulator, url: URL)?
    ) {
        self.cin7 = cin7
        self.cartonCloud = cartonCloud
        self.cin7URL = cin7URL
        self.cartonCloudURL = cartonCloudURL
        self.locations = locations
        self.warehouses = warehouses
        self.cin7Configuration = cin7Configuration
        self.cartonCloudConfiguration = cartonCloudConfiguration
        self.shipStation = shipStation?.simulator
        self.shipStationURL = shipStation?.url
        self.starshipit = starshipit?.simulator
        self.starshipitURL = starshipit?.url
    }

    /// Starts and seeds the simulators (ports 0 pick free ones): Cin7 and CartonCloud always, ShipStation and
    /// Starshipit when given a configuration. ShipStation's warehouses and carriers are replaced by the demo's.
    public static func start(
        cin7: Cin7SimulatorConfiguration = .init(),
        cartonCloud: CartonCloudSimulatorConfiguration = .init(),
        shipStation: ShipStationSimulatorConfiguration? = nil,
        starshipit: StarshipitSimulatorConfiguration? = nil,
        cin7Port: Int = 0,
        cartonCloudPort: Int = 0,
        shipStationPort: Int = 0,
        starshipitPort: Int = 0,
        host: String = "127.0.0.1"
    ) async throws -> DemoWorld {
        let cin7Simulator = Cin7Simulator(configuration: cin7)
        let ccSimulator = CartonCloudSimulator(configuration: cartonCloud)
        let cin7URL = try await cin7Simulator.start(host: host, port: cin7Port)
        var stops: [@Sendable () async -> Void] = [{ await cin7Simulator.stop() }]
        let ccURL: URL
        var shipStationPart: (simulator: ShipStationSimulator, url: URL)?
        var starshipitPart: (simulator: StarshipitSimulator, url: URL)?
        do {
            ccURL = try await ccSimulator.start(host: host, port: cartonCloudPort)
            stops.append { await ccSimulator.stop() }
            if var configuration = shipStation {
                configuration.warehouses = shipStationWarehouses
                configuration.carriers = shipStationCarriers.sorted { $0.key < $1.key }.enumerated().map { index, carrier in
                    ShipStationSimCarrier(code: carrier.key, name: carrier.value, primary: index == 0)
                }
                let simulator = ShipStationSimulator(configuration: configuration)
                shipStationPart = (simulator, try await simulator.start(host: host, port: shipStationPort))
                stops.append { await simulator.stop() }
            }
            if let starshipit {
                let simulator = StarshipitSimulator(configuration: starshipit)
                starshipitPart = (simulator, try await simulator.start(host: host, port: starshipitPort))
            }
        } catch {
            for stop in stops { await stop() }
            throw error
        }
        var locations: [String: String] = [:]
        let main = cin7Simulator.addLocation(name: mainLocation)
        locations[mainLocation] = main
        for bin in ["A-01", "A-02"] {
            locations["\(mainLocation): \(bin)"] = cin7Simulator.addLocation(name: "\(mainLocation): \(bin)", parentID: main, isBin: true)
        }
        let north = cin7Simulator.addLocation(name: northLocation)
        locations[northLocation] = north
        locations["\(northLocation): Bulk"] = cin7Simulator.addLocation(name: "\(northLocation): Bulk", parentID: north, isBin: true)
        locations[unmappedLocation] = cin7Simulator.addLocation(name: unmappedLocation)
        let names = [
            "TENT-2P": "2-Person Tent", "TENT-4P": "4-Person Tent", "BAG-35L": "35L Day Pack", "STOVE-GAS": "Gas Stove",
            "LAMP-HEAD": "Head Lamp", "MAT-SELF": "Self-inflating Mat",
        ]
        for (sku, name) in names.sorted(by: { $0.key < $1.key }) { _ = cin7Simulator.addProduct(sku: sku, name: name) }
        _ = cin7Simulator.addProduct(sku: serviceSKU, name: "Installation Service", type: "Service")
        for customer in customers { _ = cin7Simulator.addCustomer(name: customer) }
        for carrier in ["Australia Post", "StarTrack"] { _ = cin7Simulator.addCarrier(carrier) }

        var warehouses: [String: String] = [:]
        for name in [mainWarehouse, northWarehouse] { warehouses[name] = ccSimulator.addWarehouse(name: name) }
        for sku in stockSKUs { _ = ccSimulator.addProduct(code: sku, name: names[sku] ?? sku) }
        return DemoWorld(
            cin7: cin7Simulator,
            cartonCloud: ccSimulator,
            cin7URL: cin7URL,
            cartonCloudURL: ccURL,
            locations: locations,
            warehouses: warehouses,
            cin7Configuration: cin7,
            cartonCloudConfiguration: cartonCloud,
            shipStation: shipStationPart,
            starshipit: starshipitPart
        )
    }

    public func stop() async {
        await cin7.stop()
        await cartonCloud.stop()
        await shipStation?.stop()
        await starshipit?.stop()
    }

    /// Listens again on the same ports after `stop()`, with everything the services held (orders, sales,
    /// credentials): the end of an outage drill.
    public func comeBack() async throws {
        _ = try await cin7.start(port: cin7URL.port ?? 0)
        _ = try await cartonCloud.start(port: cartonCloudURL.port ?? 0)
        if let shipStation, let url = shipStationURL { _ = try await shipStation.start(port: url.port ?? 0) }
        if let starshipit, let url = starshipitURL { _ = try await starshipit.start(port: url.port ?? 0) }
    }

    /// Adds the SKU the warehouse was missing (the demo's "fix").
    public func addMissingProduct() {
        _ = cartonCloud.addProduct(code: Self.missingSKU, name: "Self-inflating Mat")
    }

    /// Creates and authorises a sale; `kind` picks the demo's variety.
    @discardableResult
    public func authoriseSale(_ kind: DemoSaleKind, index: Int) -> SimSaleRef {
        let customer = Self.customers[index % Self.customers.count]
        let sku = Self.stockSKUs[index % Self.stockSKUs.count]
        let other = Self.stockSKUs[(index + 2) % Self.stockSKUs.count]
        var lines = [SimLine(sku: sku, quantity: Double(1 + index % 3)), SimLine(sku: other, quantity: 1)]
        var location = index % 3 == 2 ? "\(Self.mainLocation): A-01" : Self.mainLocation
        var advanced: [[SimLine]]?
        switch kind {
        case .normal: break
        case .northside: location = Self.northLocation
        case .unmapped: location = Self.unmappedLocation
        case .unknownSKU: lines.append(SimLine(sku: Self.missingSKU, quantity: 1))
        case .advanced: advanced = [[lines[0]], [lines[1]]]
        case .withService: lines.append(SimLine(sku: Self.serviceSKU, quantity: 1))
        }
        let cities = [("Geelong", "VIC", "3220"), ("Newcastle", "NSW", "2300"), ("Cairns", "QLD", "4870"), ("Hobart", "TAS", "7000")]
        let city = cities[index % cities.count]
        let ref = cin7.createSale(
            SimSaleDraft(
                customer: customer,
                location: location,
                lines: lines,
                additionalCharges: ["Freight"],
                shippingAddress: SimAddress(
                    line1: "\(10 + index) Dock Rd",
                    city: city.0,
                    state: city.1,
                    postcode: city.2,
                    country: "AU",
                    company: customer,
                    contact: "Receiving"
                ),
                phone: "03 9000 \(String(format: "%04d", index % 10_000))",
                email: "orders\(index)@example.com",
                shippingNotes: index % 2 == 0 ? "Deliver to dock 2" : "",
                memo: "Cin7 demo sale \(index)",
                customerReference: "PO-\(7000 + index)",
                shipBy: "2026-12-\(String(format: "%02d", 1 + index % 28))",
                advancedFulfilments: advanced
            )
        )
        cin7.authorise(saleID: ref.saleID)
        return ref
    }

    /// What `cin7bridge simulate` prints first: where the simulators are and the credentials to use. ShipStation's
    /// and Starshipit's keys are there only when the world runs them.
    public var connectionInfo: [String: String] {
        var info = [
            "cin7BaseURL": cin7URL.absoluteString,
            "cin7AccountID": cin7Configuration.accountID,
            "cin7ApplicationKey": cin7Configuration.applicationKey,
            "cartonCloudBaseURL": cartonCloudURL.absoluteString,
            "cartonCloudTenantID": cartonCloud.tenantID,
            "cartonCloudCustomerID": cartonCloud.customerID,
            "cartonCloudClientID": cartonCloudConfiguration.clientID,
            "cartonCloudClientSecret": cartonCloudConfiguration.clientSecret,
            "warehouses": warehouses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
            "locations": locations.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
        ]
        if let shipStation, let url = shipStationURL {
            info["shipStationBaseURL"] = url.absoluteString
            info["shipStationAPIKey"] = shipStation.apiKey
            info["shipStationAPISecret"] = shipStation.apiSecret
            info["shipStationWarehouses"] = shipStation.configuration.warehouses.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.id)" }
                .joined(separator: ",")
        }
        if let starshipit, let url = starshipitURL {
            info["starshipitBaseURL"] = url.absoluteString
            info["starshipitAPIKey"] = starshipit.apiKey
            info["starshipitSubscriptionKey"] = starshipit.subscriptionKey
            info["starshipitAccount"] = starshipit.configuration.accountName
        }
        return info
    }
}

/// The kinds of sale the demo scenario authorises.
public enum DemoSaleKind: Sendable, CaseIterable {
    case normal, northside, unmapped, unknownSKU, advanced, withService
}
