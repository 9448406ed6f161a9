import BridgeSupport
import Foundation

/// The facts about a Cin7 sale that the engine decides with: built from the Cin7 client's models at the edge
/// (`SaleInfo+Cin7.swift`) so routing and mapping are plain value code, tested without I/O.
public struct SaleInfo: Sendable, Codable, Equatable {
    public struct Address: Sendable, Codable, Equatable {
        public var line1: String?
        public var line2: String?
        public var city: String?
        public var state: String?
        public var postcode: String?
        public var country: String?
        public var company: String?
        public var contact: String?

        public init(
            line1: String? = nil,
            line2: String? = nil,
            city: String? = nil,
            state: String? = nil,
            postcode: String? = nil,
            country: String? = nil,
            company: String? = nil,
            contact: String? = nil
        ) {
            self.line1 = line1
            self.line2 = line2
            self.city = city
            self.state = state
            self.postcode = postcode
            self.country = country
            self.company = company
            self.contact = contact
        }
    }

    public struct Line: Sendable, Codable, Equatable {
        public var sku: String
        public var name: String
        public var quantity: Double
        public var dropShip: Bool
        public var productID: String?

        public init(sku: String, name: String, quantity: Double, dropShip: Bool = false, productID: String? = nil) {
            self.sku = sku
            self.name = name
            self.quantity = quantity
            self.dropShip = dropShip
            self.productID = productID
        }
    }

    public struct Fulfilment: Sendable, Codable, Equatable {
        public var taskID: String
        public var number: Int
        public var pickStatus: String
        public var packStatus: String
        public var shipStatus: String
        /// The lines this fulfilment picks (from its pick task).
        public var lines: [Line]

        public init(taskID: String, number: Int, pickStatus: String, packStatus: String, shipStatus: String, lines: [Line]) {
            self.taskID = taskID.lowercased()
            self.number = number
            self.pickStatus = pickStatus.uppercased()
            self.packStatus = packStatus.uppercased()
            self.shipStatus = shipStatus.uppercased()
            self.lines = lines
        }

        /// Voided in Cin7 (`DELETE sale/fulfilment?Void=true`): it stays in `Fulfilments` with Pick, Pack and Ship
        /// `VOIDED` (cin7-core-api-v2.apib ~L23330) and is never planned, written or counted.
        public var isVoided: Bool { pickStatus == "VOIDED" || (packStatus == "VOIDED" && shipStatus == "VOIDED") }

        /// Nobody has said what it picks yet: a draft (or not available) pick with no lines, as a fulfilment added
        /// with `POST sale/fulfilment` starts (cin7-core-api-v2.apib ~L23230). Not ready to send.
        public var isAwaitingPick: Bool { !isVoided && lines.isEmpty && (pickStatus == "DRAFT" || pickStatus == "NOT AVAILABLE") }
    }

    public var saleID: String
    public var orderNumber: String
    /// Sale `Status`, uppercased (`ORDERED`, `VOIDED`, …).
    public var status: String
    public var orderStatus: String
    public var isAdvanced: Bool
    public var isService: Bool
    public var customer: String
    public var customerReference: String?
    public var contact: String?
    public var phone: String?
    public var email: String?
    /// Location name as the sale carries it (may be a bin), and its id when known.
    public var location: String
    public var locationID: String?
    public var updated: Date?
    public var combinedShippingStatus: String
    public var combinedTrackingNumbers: String
    public var shippingAddress: Address
    public var shippingNotes: String?
    public var memo: String?
    /// The day Cin7 says it ships by (a calendar date, never shifted).
    public var shipBy: CalendarDate?
    public var lines: [Line]
    public var fulfilments: [Fulfilment]

    public init(
        saleID: String,
        orderNumber: String,
        status: String,
        orderStatus: String = "AUTHORISED",
        isAdvanced: Bool = false,
        isService: Bool = false,
        customer: String,
        customerReference: String? = nil,
        contact: String? = nil,
        phone: String? = nil,
        email: String? = nil,
        location: String,
        locationID: String? = nil,
        updated: Date? = nil,
        combinedShippingStatus: String = "NOT SHIPPED",
        combinedTrackingNumbers: String = "",
        shippingAddress: Address = .init(),
        shippingNotes: String? = nil,
        memo: String? = nil,
        shipBy: CalendarDate? = nil,
        lines: [Line] = [],
        fulfilments: [Fulfilment] = []
    ) {
        self.saleID = saleID.lowercased()
        self.orderNumber = orderNumber
        self.status = status.uppercased()
        self.orderStatus = orderStatus.uppercased()
        self.isAdvanced = isAdvanced
        self.isService = isService
        self.customer = customer
        self.customerReference = customerReference
        self.contact = contact
        self.phone = phone
        self.email = email
        self.location = location
        self.locationID = locationID?.lowercased()
        self.updated = updated
        self.combinedShippingStatus = combinedShippingStatus.uppercased()
        self.combinedTrackingNumbers = combinedTrackingNumbers
        self.shippingAddress = shippingAddress
        self.shippingNotes = shippingNotes
        self.memo = memo
        self.shipBy = shipBy
        self.lines = lines
        self.fulfilments = fulfilments
    }

    public var isVoided: Bool { status == "VOIDED" || orderStatus == "VOIDED" }

    /// The fulfilments that count: every one not voided.
    public var activeFulfilments: [Fulfilment] { fulfilments.filter { !$0.isVoided } }

    /// Shipped or tracked in Cin7 already (by a person or another integration).
    public var alreadyShipped: Bool {
        ["SHIPPED", "PARTIALLY SHIPPED", "SHIPPING"].contains(combinedShippingStatus)
            || !combinedTrackingNumbers.trimmingCharacters(in: .whitespaces).isEmpty
    }
}

/// A row of Cin7's sale list: enough to skip a sale without reading it.
public struct SaleSummary: Sendable, Equatable {
    public var saleID: String
    public var orderNumber: String
    public var status: String
    public var orderStatus: String
    public var customer: String
    public var locationID: String?
    public var updated: Date?
    public var combinedShippingStatus: String
    public var combinedTrackingNumbers: String
    public var isService: Bool

    public init(
        saleID: String,
        orderNumber: String,
        status: String,
        orderStatus: String,
        customer: String,
        locationID: String?,
        updated: Date?,
        combinedShippingStatus: String = "",
        combinedTrackingNumbers: String = "",
        isService: Bool = false
    ) {
        self.saleID = saleID.lowercased()
        self.orderNumber = orderNumber
        self.status = status.uppercased()
        self.orderStatus = orderStatus.uppercased()
        self.customer = customer
        self.locationID = locationID?.lowercased()
        self.updated = updated
        self.combinedShippingStatus = combinedShippingStatus.uppercased()
        self.combinedTrackingNumbers = combinedTrackingNumbers
        self.isService = isService
    }

    public var isVoided: Bool { status == "VOIDED" || orderStatus == "VOIDED" }
    public var alreadyShipped: Bool {
        ["SHIPPED", "PARTIALLY SHIPPED", "SHIPPING"].contains(combinedShippingStatus)
            || !combinedTrackingNumbers.trimmingCharacters(in: .whitespaces).isEmpty
    }
}

/// Cin7 locations by id, so an order at a bin or sub-location routes by its top-level parent.
public struct LocationIndex: Sendable, Equatable {
    public struct Entry: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var parentID: String?

        public init(id: String, name: String, parentID: String?) {
            self.id = id.lowercased()
            self.name = name
            self.parentID = parentID?.lowercased()
        }
    }

    private var byID: [String: Entry] = [:]
    private var byName: [String: Entry] = [:]

    public init(_ entries: [Entry] = []) {
        for entry in entries {
            byID[entry.id] = entry
            if entry.parentID == nil || byName[entry.name.lowercased()] == nil { byName[entry.name.lowercased()] = entry }
        }
    }

    public var isEmpty: Bool { byID.isEmpty }

    /// Top-level locations, by name: what the wizard's mapping table lists.
    public var topLevel: [Entry] { byID.values.filter { $0.parentID == nil }.sorted { $0.name < $1.name } }

    /// The top-level location of `id` (itself when it has no parent).
    public func topLevel(ofID id: String) -> Entry? {
        var current = byID[id.lowercased()]
        var hops = 0
        while let entry = current, let parent = entry.parentID, let next = byID[parent], hops < 16 {
            current = next
            hops += 1
        }
        return current
    }

    /// The top-level location of a location or bin named `name`.
    public func topLevel(ofName name: String) -> Entry? {
        guard let entry = byName[name.lowercased()] else { return nil }
        return topLevel(ofID: entry.id)
    }
}
