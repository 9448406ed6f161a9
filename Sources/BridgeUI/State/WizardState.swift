import BridgeSupport
import Foundation
import SyncEngine
import TerminalUI

/// The configure wizard: four steps over one draft configuration.
public struct WizardState: Sendable, Equatable {
    public static let stepTitles = ["Name", "Authentication", "Order creation", "Fulfilment"]

    /// 0…3.
    public var step = 0
    public var focus: WizardField = .name
    /// The fulfilment platform chosen in step 2; its fields are the ones shown and saved.
    public var platform: WarehousePlatform = .cartonCloud
    /// The integration being reconfigured; `nil` for a new one.
    public var editingID: Int64?
    /// The configuration the wizard started from (to detect unsaved changes and keep what it does not edit).
    public var original: IntegrationConfig
    public var texts: [WizardField: TextField] = [:]
    public var defaultWarehouse = 0  // 0 = none — only mapped locations; i = warehouses[i-1]
    public var mappingChoice: [String: Int] = [:]  // location id → 0 = default, i = warehouses[i-1]
    public var goLiveFromDate = false
    public var goLiveNow: Date
    public var perFulfilment = false
    public var instructions: IntegrationConfig.InstructionSource = .shippingNotes
    public var contactAsCompany = false
    public var productionTier = false
    public var writebackOn: IntegrationConfig.Fulfilment.WritebackPoint = .labelPrinted
    public var completeOnDispatch = true
    public var sendTracking = true
    public var cin7Test: TestState = .notRun
    public var warehouseTest: TestState = .notRun
    public var preview: PreviewState = .notLoaded
    /// The warehouses typed names are checked against (`Warehouse.knownWarehouses`), read with the preview; nil
    /// when they could not be read.
    public var knownWarehouses: [IntegrationConfig.WarehouseRef]?
    public var locations: [LocationIndex.Entry] = []
    public var locationIndex = LocationIndex()
    public var summaries: [SaleSummary] = []
    public var previewRows: [SalePreview.Row] = []
    public var goLiveCount: Int?
    /// Steps on which Next was tried: their problems are shown inline.
    public var showProblems: Set<Int> = []
    public var scroll = 0
    public var saving = false

    public init(editing id: Int64?, config: IntegrationConfig, now: Date) {
        editingID = id
        original = config
        goLiveNow = now
        func field(_ value: String, masked: Bool = false, placeholder: String = "", max: Int? = nil) -> TextField {
            TextField(text: value, placeholder: placeholder, isMasked: masked, maxLength: max)
        }
        texts[.name] = field(config.name, placeholder: "e.g. Acme — Sydney DC", max: 60)
        texts[.cin7Account] = field(config.cin7.accountID, placeholder: "Account ID (a GUID)")
        texts[.cin7Key] = field(config.cin7.applicationKey.reveal(), masked: true, placeholder: "Application Key")
        texts[.cin7BaseURL] = field(config.cin7.baseURL)
        platform = config.warehouse.kind
        texts[.warehouseBaseURL] = field(config.warehouse.baseURL, placeholder: config.warehouse.kind.defaultBaseURL)
        texts[.ccTenant] = field(config.warehouse.tenantID, placeholder: "Tenant ID")
        texts[.ccClientID] = field(config.warehouse.clientID, placeholder: "API client ID")
        texts[.ccSecret] = field(config.warehouse.clientSecret.reveal(), masked: true, placeholder: "API client secret")
        texts[.ccCustomer] = field(config.warehouse.customerID, placeholder: "Customer ID")
        texts[.platformKey] = field(config.warehouse.apiKey.reveal(), masked: true, placeholder: "API key")
        texts[.platformSecret] = field(
            config.warehouse.apiSecret.reveal(),
            masked: true,
            placeholder: config.warehouse.kind == .starshipit ? "Subscription key" : "API secret"
        )
        texts[.storeID] = field(config.warehouse.storeID, placeholder: "empty: the account's manual orders store")
        let creation = config.orderCreation
        let refs = creation.warehouses
        texts[.warehouses] = field(
            refs.map(Self.format).joined(separator: ", "),
            placeholder: "names or ids, comma-separated: Sydney DC, Brisbane DC"
        )
        if let d = creation.defaultWarehouse, let i = refs.firstIndex(of: d) { defaultWarehouse = i + 1 }
        for mapping in creation.locationMappings {
            if let i = refs.firstIndex(of: mapping.warehouse) { mappingChoice[mapping.locationID] = i + 1 }
        }
        texts[.statuses] = field(creation.statusesToImport.joined(separator: ", "))
        if case .fromDate(let date) = creation.goLive {
            goLiveFromDate = true
            texts[.goLiveDate] = field(Self.dayFormatter.string(from: date))
        } else {
            texts[.goLiveDate] = field(Self.dayFormatter.string(from: now.addingTimeInterval(-7 * 86_400)))
            if case .fromNow(let date) = creation.goLive, id != nil { goLiveNow = date }
        }
        perFulfilment = creation.oneOrderPerFulfilment
        instructions = creation.deliveryInstructions
        contactAsCompany = creation.contactAsCompany
        productionTier = config.warehouse.productionTier
        writebackOn = config.fulfilment.writebackOn
        completeOnDispatch = config.fulfilment.completeOnDispatch
        sendTracking = config.fulfilment.sendTracking
        texts[.carriers] = field(
            config.fulfilment.carrierMappings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "),
            placeholder: "warehouse carrier=Cin7 carrier, …"
        )
        texts[.timeZone] = field(config.fulfilment.timeZone, placeholder: "e.g. Australia/Sydney (empty: this machine's)")
        // Masked like the credentials: a webhook address usually carries its token.
        texts[.alertHook] = field(config.alerts?.fieldText ?? "", masked: true, placeholder: "optional: https URL or command")
        // Mappings of locations not (yet) loaded keep their names for display.
        locations = creation.locationMappings.map { LocationIndex.Entry(id: $0.locationID, name: $0.locationName, parentID: nil) }
    }

    static let dayFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()

    static func format(_ ref: IntegrationConfig.WarehouseRef) -> String {
        switch (ref.name, ref.id) {
        case let (name?, id?): "\(name)=\(id)"
        case let (name?, nil): name
        case let (nil, id?): id
        default: ""
        }
    }

    public func text(_ field: WizardField) -> String { texts[field]?.text ?? "" }

    /// A default or mapping choice as it applies now: a position the warehouse list no longer has is none (0).
    public func chosen(_ choice: Int) -> Int { warehouseRefs.indices.contains(choice - 1) ? choice : 0 }

    /// The warehouses typed in step 3 (`name`, `id`, or `name=id`).
    public var warehouseRefs: [IntegrationConfig.WarehouseRef] {
        text(.warehouses).split(separator: ",").compactMap { part in
            let s = part.trimmingCharacters(in: .whitespaces)
            guard !s.isEmpty else { return nil }
            if let eq = s.firstIndex(of: "=") {
                let name = s[..<eq].trimmingCharacters(in: .whitespaces)
                let id = s[s.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                return IntegrationConfig.WarehouseRef(id: id.isEmpty ? nil : id, name: name.isEmpty ? nil : name)
            }
            return UUID(uuidString: s) != nil || s.allSatisfy(\.isNumber)
                ? IntegrationConfig.WarehouseRef(id: s) : IntegrationConfig.WarehouseRef(name: s)
        }
    }

    /// The go-live date typed (nil when it does not parse).
    public var goLiveDate: Date? { Self.dayFormatter.date(from: text(.goLiveDate).trimmingCharacters(in: .whitespaces)) }

    /// The draft configuration as the wizard stands.
    public var config: IntegrationConfig {
        var c = original
        c.name = text(.name).trimmingCharacters(in: .whitespaces)
        c.cin7.accountID = text(.cin7Account).trimmingCharacters(in: .whitespaces)
        c.cin7.applicationKey = Secret(text(.cin7Key).trimmingCharacters(in: .whitespaces))
        c.cin7.baseURL = text(.cin7BaseURL).trimmingCharacters(in: .whitespaces)
        c.warehouse.kind = platform
        c.warehouse.baseURL = text(.warehouseBaseURL).trimmingCharacters(in: .whitespaces)
        switch platform {
        case .cartonCloud:
            c.warehouse.tenantID = text(.ccTenant).trimmingCharacters(in: .whitespaces)
            c.warehouse.clientID = text(.ccClientID).trimmingCharacters(in: .whitespaces)
            c.warehouse.clientSecret = Secret(text(.ccSecret).trimmingCharacters(in: .whitespaces))
            c.warehouse.customerID = text(.ccCustomer).trimmingCharacters(in: .whitespaces)
        case .shipStation, .starshipit:
            c.warehouse.apiKey = Secret(text(.platformKey).trimmingCharacters(in: .whitespaces))
            c.warehouse.apiSecret = Secret(text(.platformSecret).trimmingCharacters(in: .whitespaces))
            c.warehouse.storeID = platform == .shipStation ? text(.storeID).trimmingCharacters(in: .whitespaces) : ""
            c.warehouse.productionTier = platform == .starshipit && productionTier
        }
        c.orderCreation = orderCreation
        c.fulfilment.completeOnDispatch = completeOnDispatch
        c.fulfilment.writebackOn = writebackOn
        c.fulfilment.sendTracking = sendTracking
        c.fulfilment.timeZone = text(.timeZone).trimmingCharacters(in: .whitespaces)
        var carriers: [String: String] = [:]
        for pair in text(.carriers).split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { carriers[parts[0]] = parts[1] }
        }
        c.fulfilment.carrierMappings = carriers
        c.alerts = AlertHook.parse(text(.alertHook), keeping: original.alerts)
        return c
    }

    public var orderCreation: IntegrationConfig.OrderCreation {
        var o = original.orderCreation
        let refs = warehouseRefs
        o.defaultWarehouse = refs.indices.contains(defaultWarehouse - 1) ? refs[defaultWarehouse - 1] : nil
        o.locationMappings = locations.compactMap { location in
            guard let choice = mappingChoice[location.id], refs.indices.contains(choice - 1) else { return nil }
            return IntegrationConfig.LocationMapping(locationID: location.id, locationName: location.name, warehouse: refs[choice - 1])
        }
        o.statusesToImport = text(.statuses).split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " })
            .map { $0.uppercased() }.filter { !$0.isEmpty }
        if goLiveFromDate {
            o.goLive = .fromDate(goLiveDate ?? goLiveNow)
        } else {
            o.goLive = .fromNow(goLiveNow)
        }
        o.oneOrderPerFulfilment = perFulfilment
        o.deliveryInstructions = instructions
        o.contactAsCompany = contactAsCompany
        return o
    }

    /// Whether anything differs from what the wizard started with.
    public var hasChanges: Bool {
        var a = config
        var b = original
        a.orderCreation.goLive = .fromNow(.distantPast)
        b.orderCreation.goLive = .fromNow(.distantPast)
        return a != b || (goLiveFromDate != { if case .fromDate = original.orderCreation.goLive { true } else { false } }())
    }

    /// The focusable controls of a step, in order.
    public func fields(step: Int) -> [WizardField] {
        switch step {
        case 0: return [.name]
        case 1:
            let credentials: [WizardField]
            switch platform {
            case .cartonCloud: credentials = [.ccTenant, .ccClientID, .ccSecret, .ccCustomer]
            case .shipStation: credentials = [.platformKey, .platformSecret, .storeID]
            case .starshipit: credentials = [.platformKey, .platformSecret, .productionTier]
            }
            return [.cin7Account, .cin7Key, .cin7BaseURL, .testCin7, .platform, .warehouseBaseURL] + credentials + [.testWarehouse]
        case 2:
            return [.warehouses, .defaultWarehouse] + locations.indices.map { .mapping($0) }
                + [.statuses, .goLive] + (goLiveFromDate ? [.goLiveDate] : []) + [.perFulfilment, .instructions, .contactAsCompany, .refreshPreview]
        default:
            return [.completeOnDispatch] + (platform == .starshipit ? [.writebackOn] : []) + [.sendTracking, .carriers, .timeZone, .alertHook]
        }
    }

    /// What step 3's warehouse list is for on each platform, and what to type in it.
    static func warehousesHint(_ platform: WarehousePlatform) -> String {
        switch platform {
        case .cartonCloud: "enter at least one warehouse (CartonCloud cannot list them)"
        case .shipStation: "enter at least one ShipStation warehouse (ship-from location): its name or id, as Test connection lists them"
        case .starshipit: "enter at least one sender: a name for this Starshipit account's ship-from address (the account is the unit in Starshipit)"
        }
    }

    /// Switches step 2 to another platform: its own fields show, and a base URL still at the old platform's
    /// default follows to the new one's.
    mutating func choose(_ platform: WarehousePlatform) {
        guard platform != self.platform else { return }
        let url = text(.warehouseBaseURL).trimmingCharacters(in: .whitespaces)
        if url.isEmpty || WarehousePlatform.allCases.contains(where: { $0.defaultBaseURL == url }) {
            texts[.warehouseBaseURL] = TextField(text: platform.defaultBaseURL, placeholder: platform.defaultBaseURL)
        }
        let secretName = platform == .starshipit ? "Subscription key" : "API secret"
        texts[.platformSecret]?.placeholder = secretName
        self.platform = platform
        warehouseTest = .notRun
        knownWarehouses = nil
    }

    /// Validator fields that belong to a step.
    static func step(ofProblemField field: String) -> Int {
        if field == "name" { return 0 }
        if field.hasPrefix("cin7.") || field.hasPrefix("warehouse.") { return 1 }
        if field.hasPrefix("orderCreation") { return 2 }
        if field.hasPrefix("fulfilment") { return 3 }
        return 3
    }

    /// Problems of the draft for one step, keyed by the control to show them under.
    public func problems(step: Int) -> [(field: WizardField?, message: String)] {
        var result: [(WizardField?, String)] = ConfigValidator.problems(in: config).filter { Self.step(ofProblemField: $0.field) == step }.map { p in
            let f: WizardField?
            switch p.field {
            case "name": f = .name
            case "cin7.accountID": f = .cin7Account
            case "cin7.applicationKey": f = .cin7Key
            case "cin7.baseURL": f = .cin7BaseURL
            case "warehouse.baseURL": f = .warehouseBaseURL
            case "warehouse.apiKey": f = .platformKey
            case "warehouse.apiSecret": f = .platformSecret
            case "warehouse.tenantID": f = .ccTenant
            case "warehouse.clientID": f = .ccClientID
            case "warehouse.clientSecret": f = .ccSecret
            case "warehouse.customerID": f = .ccCustomer
            case "orderCreation": f = .defaultWarehouse
            case "orderCreation.defaultWarehouse": f = .defaultWarehouse
            case "orderCreation.statusesToImport": f = .statuses
            case "fulfilment.timeZone": f = .timeZone
            case let field where field.hasPrefix("alerts."): f = .alertHook
            default: f = p.field.hasPrefix("orderCreation.statusesToImport") ? .statuses : nil
            }
            return (f, p.message)
        }
        if step == 2, goLiveFromDate, goLiveDate == nil { result.append((.goLiveDate, "must be a date as YYYY-MM-DD")) }
        if step == 2, warehouseRefs.isEmpty { result.append((.warehouses, Self.warehousesHint(platform))) }
        if step == 3 {
            let malformed = text(.carriers).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return !pair.isEmpty && (parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty)
            }
            if let first = malformed.first {
                result.append((.carriers, "\"\(first)\" is not a mapping: write warehouse carrier = Cin7 carrier, pairs separated by commas"))
            }
        }
        return result
    }
}
