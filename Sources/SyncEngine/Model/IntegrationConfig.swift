import BridgeSupport
import Foundation

/// Everything one integration (one Cin7 account ⇄ one warehouse customer) is configured with: the four steps of the
/// configure wizard plus limits. Stored as JSON in the `integration` table and moved by `config export/import`.
public struct IntegrationConfig: Sendable, Codable, Equatable {
    public var name: String
    public var enabled: Bool
    public var cin7: Cin7Connection
    public var warehouse: WarehouseConnection
    public var orderCreation: OrderCreation
    public var fulfilment: Fulfilment
    public var limits: Limits
    /// Where alerts go (an order needs attention, health turned bad, reconciliation findings); nil: none. See docs/ALERTS.md.
    public var alerts: AlertHook?

    public init(
        name: String,
        enabled: Bool = true,
        cin7: Cin7Connection = .init(),
        warehouse: WarehouseConnection = .init(),
        orderCreation: OrderCreation = .init(),
        fulfilment: Fulfilment = .init(),
        limits: Limits = .init(),
        alerts: AlertHook? = nil
    ) {
        self.name = name
        self.enabled = enabled
        self.cin7 = cin7
        self.warehouse = warehouse
        self.orderCreation = orderCreation
        self.fulfilment = fulfilment
        self.limits = limits
        self.alerts = alerts
    }

    /// Cin7 Core API application credentials.
    public struct Cin7Connection: Sendable, Codable, Equatable {
        public var accountID: String
        public var applicationKey: Secret
        public var baseURL: String

        public static let defaultBaseURL = "https://inventory.dearsystems.com/ExternalApi/v2/"

        public init(accountID: String = "", applicationKey: Secret = "", baseURL: String = Self.defaultBaseURL) {
            self.accountID = accountID
            self.applicationKey = applicationKey
            self.baseURL = baseURL
        }
    }

    /// The fulfilment platform and how to reach it. Which fields apply depends on `kind`: CartonCloud uses the tenant,
    /// client and customer; ShipStation its API key and secret (and optionally a store); Starshipit its API key and
    /// subscription key.
    public struct WarehouseConnection: Sendable, Codable, Equatable {
        public var kind: WarehousePlatform
        public var baseURL: String
        /// CartonCloud: the tenant, the API client's id and secret, and the customer whose orders these are.
        public var tenantID: String
        public var clientID: String
        public var clientSecret: Secret
        public var customerID: String
        /// ShipStation: the API key; Starshipit: the `StarShipIT-Api-Key` (it selects the account).
        public var apiKey: Secret
        /// ShipStation: the API secret; Starshipit: the `Ocp-Apim-Subscription-Key` (it selects the rate tier).
        public var apiSecret: Secret
        /// ShipStation: the store orders are created in (`advancedOptions.storeId`); empty for the account's manual store.
        public var storeID: String
        /// Starshipit: the subscription key is on the Production tier (20 calls a second) rather than Developer (2).
        public var productionTier: Bool

        public static let defaultBaseURL = WarehousePlatform.cartonCloud.defaultBaseURL
        public static let northAmericaBaseURL = "https://api.na.cartoncloud.com"

        public init(
            kind: WarehousePlatform = .cartonCloud,
            baseURL: String? = nil,
            tenantID: String = "",
            clientID: String = "",
            clientSecret: Secret = "",
            customerID: String = "",
            apiKey: Secret = "",
            apiSecret: Secret = "",
            storeID: String = "",
            productionTier: Bool = false
        ) {
            self.kind = kind
            self.baseURL = baseURL ?? kind.defaultBaseURL
            self.tenantID = tenantID
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.customerID = customerID
            self.apiKey = apiKey
            self.apiSecret = apiSecret
            self.storeID = storeID
            self.productionTier = productionTier
        }

        /// The connection with its secrets blanked, for an export without them.
        public var withoutSecrets: Self {
            var copy = self
            copy.clientSecret = ""
            copy.apiKey = ""
            copy.apiSecret = ""
            return copy
        }

        /// Whether the secrets the platform needs are all there.
        public var hasSecrets: Bool {
            switch kind {
            case .cartonCloud: !clientSecret.isEmpty
            case .shipStation, .starshipit: !apiKey.isEmpty && !apiSecret.isEmpty
            }
        }

        /// Takes each secret an import left out from the stored connection of the same integration.
        public mutating func keepMissingSecrets(from existing: Self) {
            if clientSecret.isEmpty { clientSecret = existing.clientSecret }
            if apiKey.isEmpty { apiKey = existing.apiKey }
            if apiSecret.isEmpty { apiSecret = existing.apiSecret }
        }

        /// Decodes with defaults for the keys of platforms an older export did not know.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let kindText = try c.decodeIfPresent(String.self, forKey: .kind) ?? WarehousePlatform.cartonCloud.rawValue
            guard let kind = WarehousePlatform(rawValue: kindText.lowercased()) else {
                let known = WarehousePlatform.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw DecodingError.dataCorruptedError(
                    forKey: .kind,
                    in: c,
                    debugDescription: "warehouse.kind \"\(kindText)\" is not a platform Cin7Bridge supports (\(known))"
                )
            }
            self.init(
                kind: kind,
                baseURL: try c.decodeIfPresent(String.self, forKey: .baseURL),
                tenantID: try c.decodeIfPresent(String.self, forKey: .tenantID) ?? "",
                clientID: try c.decodeIfPresent(String.self, forKey: .clientID) ?? "",
                clientSecret: try c.decodeIfPresent(Secret.self, forKey: .clientSecret) ?? "",
                customerID: try c.decodeIfPresent(String.self, forKey: .customerID) ?? "",
                apiKey: try c.decodeIfPresent(Secret.self, forKey: .apiKey) ?? "",
                apiSecret: try c.decodeIfPresent(Secret.self, forKey: .apiSecret) ?? "",
                storeID: try c.decodeIfPresent(String.self, forKey: .storeID) ?? "",
                productionTier: try c.decodeIfPresent(Bool.self, forKey: .productionTier) ?? false
            )
        }
    }

    /// A warehouse as the user entered it: by id or by exact name (CartonCloud cannot list warehouses).
    public struct WarehouseRef: Sendable, Codable, Hashable {
        public var id: String?
        public var name: String?

        public init(id: String? = nil, name: String? = nil) {
            self.id = id?.nilIfBlank
            self.name = name?.nilIfBlank
        }

        /// What the user recognises.
        public var display: String { name ?? id ?? "?" }
        public var isEmpty: Bool { id == nil && name == nil }
    }

    /// Which Cin7 text becomes the warehouse's delivery instructions.
    public enum InstructionSource: String, Sendable, Codable, CaseIterable {
        case shippingNotes = "shipping_notes"
        case memo, both, none
    }

    /// Where the integration starts taking sales from.
    public enum GoLive: Sendable, Codable, Equatable {
        /// Sales authorised (last changed) from this moment on — the moment the integration was created.
        case fromNow(Date)
        /// Sales changed on or after this date.
        case fromDate(Date)

        public var date: Date {
            switch self {
            case .fromNow(let date), .fromDate(let date): date
            }
        }

        private enum CodingKeys: String, CodingKey { case fromNow, fromDate }
        /// The compiler's form for enum payloads (`{"fromDate": {"_0": …}}`), written by earlier versions.
        private enum PayloadKeys: String, CodingKey { case _0 }

        /// `{"fromNow": date}` or `{"fromDate": date}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .fromNow(let date): try container.encode(date, forKey: .fromNow)
            case .fromDate(let date): try container.encode(date, forKey: .fromDate)
            }
        }

        /// Reads `{"fromDate": date}` and the earlier `{"fromDate": {"_0": date}}` alike.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func date(_ key: CodingKeys) throws -> Date {
                if let plain = try? container.decode(Date.self, forKey: key) { return plain }
                return try container.nestedContainer(keyedBy: PayloadKeys.self, forKey: key).decode(Date.self, forKey: ._0)
            }
            if container.contains(.fromDate) {
                self = .fromDate(try date(.fromDate))
            } else if container.contains(.fromNow) {
                self = .fromNow(try date(.fromNow))
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "expected fromNow or fromDate"))
            }
        }
    }

    /// A top-level Cin7 location mapped to a warehouse. Orders at a bin or sub-location route by their top-level parent.
    public struct LocationMapping: Sendable, Codable, Equatable {
        public var locationID: String
        public var locationName: String
        public var warehouse: WarehouseRef

        public init(locationID: String, locationName: String, warehouse: WarehouseRef) {
            self.locationID = locationID.lowercased()
            self.locationName = locationName
            self.warehouse = warehouse
        }
    }

    /// Wizard step 3.
    public struct OrderCreation: Sendable, Codable, Equatable {
        /// nil: "ignore default" — only mapped locations come across.
        public var defaultWarehouse: WarehouseRef?
        public var locationMappings: [LocationMapping]
        /// The sale `Status` values that are imported.
        public var statusesToImport: [String]
        public var goLive: GoLive
        /// Advanced sales: one warehouse order per Cin7 fulfilment.
        public var oneOrderPerFulfilment: Bool
        public var deliveryInstructions: InstructionSource
        /// Put the shipping contact in the company name field.
        public var contactAsCompany: Bool
        /// Put in front of the Cin7 order number to make the warehouse reference.
        public var referencePrefix: String

        /// The warehouses orders go to: the default, then each location's, once each.
        public var warehouses: [WarehouseRef] {
            var refs: [WarehouseRef] = []
            for ref in [defaultWarehouse].compactMap({ $0 }) + locationMappings.map(\.warehouse) where !ref.isEmpty && !refs.contains(ref) {
                refs.append(ref)
            }
            return refs
        }

        /// "Order authorised": the statuses a sale has from authorisation until something ships.
        public static let authorisedStatuses = ["ORDERED", "BACKORDERED"]

        public init(
            defaultWarehouse: WarehouseRef? = nil,
            locationMappings: [LocationMapping] = [],
            statusesToImport: [String] = Self.authorisedStatuses,
            goLive: GoLive = .fromNow(Date()),
            oneOrderPerFulfilment: Bool = false,
            deliveryInstructions: InstructionSource = .shippingNotes,
            contactAsCompany: Bool = false,
            referencePrefix: String = ""
        ) {
            self.defaultWarehouse = defaultWarehouse
            self.locationMappings = locationMappings
            self.statusesToImport = statusesToImport
            self.goLive = goLive
            self.oneOrderPerFulfilment = oneOrderPerFulfilment
            self.deliveryInstructions = deliveryInstructions
            self.contactAsCompany = contactAsCompany
            self.referencePrefix = referencePrefix
        }
    }

    /// Wizard step 4.
    public struct Fulfilment: Sendable, Codable, Equatable {
        /// Write pick, pack and ship (authorised) to Cin7 when the warehouse dispatches.
        public var completeOnDispatch: Bool
        /// Send the tracking number and URL, and update them when they change.
        public var sendTracking: Bool
        /// Warehouse carrier name → Cin7 carrier name (compared case-insensitively).
        public var carrierMappings: [String: String]
        /// Create a carrier in Cin7 when the mapped name does not exist there.
        public var createMissingCarriers: Bool
        /// The Cin7 account's time zone (IANA name), for shipment dates. Empty: this machine's.
        public var timeZone: String
        /// Starshipit: write back when the label is printed (as Starshipit's own Cin7 integration does) or only once
        /// the shipment is manifested. Other platforms dispatch once.
        public var writebackOn: WritebackPoint

        /// When a shipping platform's shipment counts as dispatched.
        public enum WritebackPoint: String, Sendable, Codable, CaseIterable {
            case labelPrinted = "label_printed"
            case manifested
        }

        /// The carrier Cin7 gets when the warehouse sent no tracking.
        public static let undefinedCarrier = "Undefined"

        public init(
            completeOnDispatch: Bool = true,
            sendTracking: Bool = true,
            carrierMappings: [String: String] = [:],
            createMissingCarriers: Bool = true,
            timeZone: String = "",
            writebackOn: WritebackPoint = .labelPrinted
        ) {
            self.completeOnDispatch = completeOnDispatch
            self.sendTracking = sendTracking
            self.carrierMappings = carrierMappings
            self.createMissingCarriers = createMissingCarriers
            self.timeZone = timeZone
            self.writebackOn = writebackOn
        }

        public var resolvedTimeZone: TimeZone {
            timeZone.isEmpty ? .current : TimeZone(identifier: timeZone) ?? .current
        }
    }

    /// Budgets and timing.
    public struct Limits: Sendable, Codable, Equatable {
        /// Cin7 calls allowed per `cin7Window` seconds (60 per 60; lower when other apps share the key).
        public var cin7CallsPerWindow: Int
        public var cin7Window: TimeInterval
        public var warehouseCreatesPerWindow: Int
        public var warehouseWindow: TimeInterval
        /// Seconds between polls of Cin7 and the warehouse (shortened automatically while a backlog drains).
        public var pollInterval: TimeInterval
        /// How far each poll looks back before the last watermark, to catch late writes.
        public var pollOverlap: TimeInterval
        /// An order in one state longer than this makes `status --check` fail.
        public var stuckAfter: TimeInterval
        /// First retry delay and cap for transient failures.
        public var retryBase: TimeInterval
        public var retryCap: TimeInterval
        /// Seconds each external call may take before it counts as timed out.
        public var requestTimeout: TimeInterval
        /// Seconds audit rows (order timelines, call log) are kept; nil keeps them for ever. Older rows are pruned by
        /// the owning engine's housekeeping.
        public var auditRetention: TimeInterval?
        /// Seconds after completion an order's consignments are still watched for tracking that arrives or changes
        /// later (checked less often as the order ages); nil: `defaultTrackingWatch`.
        public var trackingWatch: TimeInterval?

        /// Five days: long enough for a carrier's late label or a re-consigned parcel.
        public static let defaultTrackingWatch: TimeInterval = 5 * 86_400
        public var trackingWatchPeriod: TimeInterval { max(0, trackingWatch ?? Self.defaultTrackingWatch) }

        public init(
            cin7CallsPerWindow: Int = 60,
            cin7Window: TimeInterval = 60,
            warehouseCreatesPerWindow: Int = 30,
            warehouseWindow: TimeInterval = 60,
            pollInterval: TimeInterval = 10,
            pollOverlap: TimeInterval = 120,
            stuckAfter: TimeInterval = 3600,
            retryBase: TimeInterval = 30,
            retryCap: TimeInterval = 1800,
            requestTimeout: TimeInterval = 30,
            auditRetention: TimeInterval? = nil
        ) {
            self.cin7CallsPerWindow = cin7CallsPerWindow
            self.cin7Window = cin7Window
            self.warehouseCreatesPerWindow = warehouseCreatesPerWindow
            self.warehouseWindow = warehouseWindow
            self.pollInterval = pollInterval
            self.pollOverlap = pollOverlap
            self.stuckAfter = stuckAfter
            self.retryBase = retryBase
            self.retryCap = retryCap
            self.requestTimeout = requestTimeout
            self.auditRetention = auditRetention
        }
    }
}

extension IntegrationConfig.Fulfilment {
    /// Decodes with defaults for keys an older export lacks.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        self.init(
            completeOnDispatch: try c.decodeIfPresent(Bool.self, forKey: .completeOnDispatch) ?? defaults.completeOnDispatch,
            sendTracking: try c.decodeIfPresent(Bool.self, forKey: .sendTracking) ?? defaults.sendTracking,
            carrierMappings: try c.decodeIfPresent([String: String].self, forKey: .carrierMappings) ?? [:],
            createMissingCarriers: try c.decodeIfPresent(Bool.self, forKey: .createMissingCarriers) ?? defaults.createMissingCarriers,
            timeZone: try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "",
            writebackOn: try c.decodeIfPresent(WritebackPoint.self, forKey: .writebackOn) ?? defaults.writebackOn
        )
    }
}

extension IntegrationConfig.OrderCreation {
    /// Decodes with defaults for keys an older export lacks.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        defaultWarehouse = try c.decodeIfPresent(IntegrationConfig.WarehouseRef.self, forKey: .defaultWarehouse)
        locationMappings = try c.decodeIfPresent([IntegrationConfig.LocationMapping].self, forKey: .locationMappings) ?? []
        statusesToImport = try c.decodeIfPresent([String].self, forKey: .statusesToImport) ?? defaults.statusesToImport
        goLive = try c.decodeIfPresent(IntegrationConfig.GoLive.self, forKey: .goLive) ?? defaults.goLive
        oneOrderPerFulfilment = try c.decodeIfPresent(Bool.self, forKey: .oneOrderPerFulfilment) ?? false
        deliveryInstructions = try c.decodeIfPresent(IntegrationConfig.InstructionSource.self, forKey: .deliveryInstructions) ?? .shippingNotes
        contactAsCompany = try c.decodeIfPresent(Bool.self, forKey: .contactAsCompany) ?? false
        referencePrefix = try c.decodeIfPresent(String.self, forKey: .referencePrefix) ?? ""
    }
}

extension String {
    var nilIfBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
