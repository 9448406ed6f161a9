import Foundation

// The simulator's own model of a Cin7 Core account, written from the API documents (it does not share types with the
// Cin7Core client on purpose). All of it lives inside one lock in `Cin7Simulator`.

struct SimError: Error {
    var status: Int
    var code: Int
    var message: String
    static func bad(_ message: String) -> SimError { SimError(status: 400, code: 400, message: message) }
    static func notFound(_ message: String) -> SimError { SimError(status: 404, code: 404, message: message) }
}

struct SimLocation {
    var id: String
    var name: String
    var parentID: String?
}

struct SimProduct {
    var id: String
    var sku: String
    var name: String
    var type: String
    var updated: Date
    /// Deprecated products are listed only with `IncludeDeprecated=true` (cin7-core-api-v2.apib ~L5033).
    var deprecated = false
}

struct SimCustomer {
    var id: String
    var name: String
    var updated: Date
}

struct SimCarrier {
    var id: String
    var description: String
}

struct SimWebhook {
    var id: String
    var body: JSONObject
    var type: String {
        guard case .string(let type)? = body["Type"]?.simJSON else { return "" }
        return type
    }
}

struct SimTaskLine {
    var productID: String
    var sku: String
    var name: String
    var location: String
    var locationID: String
    var quantity: Double
    var box: String?
    var batchSN: String?
}

struct SimShipLine {
    var id: String
    var shipmentDate: String
    var carrier: String
    var box: String
    var trackingNumber: String
    var trackingURL: String
    var isShipped: Bool
}

struct SimFulfilment {
    var taskID: String
    var number: Int
    var planned: [SimLine]
    var pickStatus = "DRAFT"
    var pickLines: [SimTaskLine] = []
    var packStatus = "NOT AVAILABLE"
    var packLines: [SimTaskLine] = []
    var shipStatus = "NOT AVAILABLE"
    var shipLines: [SimShipLine] = []
    var requireBy: String?
    var voided = false
    /// Created through `POST sale/fulfilment` (or the control API's `addFulfilment`): its draft pick starts empty
    /// (cin7-core-api-v2.apib ~L23230: the new fulfilment's `"Pick": {"Status": "DRAFT", "Lines": []}`), so nothing
    /// shows what it will pick until someone fills the pick in.
    var emptyDraftPick = false

    /// A voided fulfilment reads `NOT FULFILLED` with Pick, Pack and Ship `VOIDED` (cin7-core-api-v2.apib ~L23297–23340).
    var fulfilmentStatus: String {
        shipStatus == "AUTHORISED" && !voided ? "FULFILLED" : "NOT FULFILLED"
    }
}

struct SimSale {
    var id: String
    var orderNumber: String
    var customer: SimCustomer
    var locationName: String
    var locationID: String
    var lines: [SimLine]
    var additionalCharges: [String]
    var address: SimAddress
    var phone: String
    var email: String
    var shippingNotes: String
    var memo: String
    var customerReference: String
    var shipBy: String?
    var saleOrderDate: String
    var advanced: Bool
    var advancedPlan: [[SimLine]]?
    var backordered: Bool
    var externalID: String?
    var orderStatus = "DRAFT"
    var voided = false
    var created: Date
    var updated: Date
    var fulfilments: [SimFulfilment] = []

    var type: String { advanced ? "Advanced Sale" : "Simple Sale" }
    var active: [SimFulfilment] { fulfilments.filter { !$0.voided } }

    func combined(_ status: KeyPath<SimFulfilment, String>, all: String, some: String, none: String, partial: Set<String> = []) -> String {
        if voided { return "VOIDED" }
        guard orderStatus == "AUTHORISED", !active.isEmpty else { return "NOT AVAILABLE" }
        let done = active.filter { $0[keyPath: status] == "AUTHORISED" }.count
        if done == active.count { return all }
        if done > 0 || active.contains(where: { partial.contains($0[keyPath: status]) }) { return some }
        return none
    }

    var combinedPicking: String { combined(\.pickStatus, all: "PICKED", some: "PARTIALLY PICKED", none: "NOT PICKED") }
    var combinedPacking: String { combined(\.packStatus, all: "PACKED", some: "PARTIALLY PACKED", none: "NOT PACKED") }
    var combinedShipping: String {
        combined(\.shipStatus, all: "SHIPPED", some: "PARTIALLY SHIPPED", none: "NOT SHIPPED", partial: ["PARTIALLY AUTHORISED"])
    }
    var fulfilmentStatus: String {
        if voided { return "VOIDED" }
        guard orderStatus == "AUTHORISED", !active.isEmpty else { return "NOT AVAILABLE" }
        let done = active.filter { $0.fulfilmentStatus == "FULFILLED" }.count
        return done == active.count ? "FULFILLED" : done > 0 ? "PARTIALLY FULFILLED" : "NOT FULFILLED"
    }

    /// Sale `Status`. The PICKING…INVOICING stages apply to simple sales only; the documents list no SHIPPED sale status,
    /// so a shipped simple sale that is not invoiced reads INVOICING (its next stage).
    var status: String {
        if voided { return "VOIDED" }
        switch orderStatus {
        case "AUTHORISED": break
        case "DRAFT": return "ORDERING"
        default: return orderStatus
        }
        let base = backordered ? "BACKORDERED" : "ORDERED"
        guard !advanced, let f = fulfilments.first else { return base }
        if f.shipStatus == "AUTHORISED" { return "INVOICING" }
        if f.shipStatus == "PARTIALLY AUTHORISED" || !f.shipLines.isEmpty { return "SHIPPING" }
        if f.packStatus == "AUTHORISED" { return "PACKED" }
        if !f.packLines.isEmpty { return "PACKING" }
        if f.pickStatus == "AUTHORISED" { return "PICKED" }
        if !f.pickLines.isEmpty { return "PICKING" }
        return base
    }

    var combinedTrackingNumbers: String {
        var seen: [String] = []
        for f in active {
            for line in f.shipLines where !line.trackingNumber.isEmpty && !seen.contains(line.trackingNumber) {
                seen.append(line.trackingNumber)
            }
        }
        return seen.joined(separator: ", ")
    }

    func snapshot() -> SimSaleSnapshot {
        SimSaleSnapshot(
            saleID: id,
            orderNumber: orderNumber,
            type: type,
            status: status,
            orderStatus: voided ? "VOIDED" : orderStatus,
            combinedPickingStatus: combinedPicking,
            combinedPackingStatus: combinedPacking,
            combinedShippingStatus: combinedShipping,
            fulfilmentStatus: fulfilmentStatus,
            combinedTrackingNumbers: combinedTrackingNumbers,
            updated: updated,
            fulfilments: fulfilments.map { f in
                SimFulfilmentSnapshot(
                    taskID: f.taskID,
                    number: f.number,
                    pickStatus: f.voided ? "VOIDED" : f.pickStatus,
                    packStatus: f.voided ? "VOIDED" : f.packStatus,
                    shipStatus: f.voided ? "VOIDED" : f.shipStatus,
                    fulfilmentStatus: f.fulfilmentStatus,
                    pickLineCount: f.pickLines.count,
                    packLineCount: f.packLines.count,
                    shipLines: f.shipLines.map {
                        SimShipLineSnapshot(
                            id: $0.id,
                            shipmentDate: $0.shipmentDate,
                            carrier: $0.carrier,
                            box: $0.box,
                            trackingNumber: $0.trackingNumber,
                            trackingURL: $0.trackingURL,
                            isShipped: $0.isShipped
                        )
                    }
                )
            }
        )
    }
}

/// Dates as Cin7 writes them.
enum SimDates {
    /// `2017-11-22T10:10:49.75Z`: UTC, fraction of up to 7 digits with trailing zeros dropped (as .NET does).
    static func timestamp(_ date: Date) -> String {
        let total = date.timeIntervalSince1970
        let seconds = Int(total.rounded(.down))
        let ticks = Int(((total - Double(seconds)) * 10_000_000).rounded())
        var fraction = String(format: "%07d", min(ticks, 9_999_999))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return day(seconds) + "T" + clock(seconds) + (fraction.isEmpty ? "" : "." + fraction) + "Z"
    }

    /// A date-only field: `2017-11-22T00:00:00`, no zone.
    static func dateOnly(_ isoDate: String) -> String { isoDate.prefix(10) + "T00:00:00" }

    static func isoDay(_ date: Date) -> String { day(Int(date.timeIntervalSince1970.rounded(.down))) }

    private static func day(_ seconds: Int) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return String(format: "%04d-%02d-%02d", yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func clock(_ seconds: Int) -> String {
        let rest = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// Parses query dates: `yyyy-MM-dd[THH:mm:ss[.f…]][Z|±hh:mm]`; no zone means UTC.
    static func parse(_ text: String) -> Date? {
        var s = text.trimmingCharacters(in: .whitespaces)
        var offset = 0
        if s.hasSuffix("Z") || s.hasSuffix("z") {
            s.removeLast()
        } else if s.count > 19, let signIndex = s.lastIndex(where: { $0 == "+" || $0 == "-" }), s.distance(from: s.startIndex, to: signIndex) >= 19 {
            let zone = s[s.index(after: signIndex)...].replacingOccurrences(of: ":", with: "")
            guard zone.count == 4, let hh = Int(zone.prefix(2)), let mm = Int(zone.suffix(2)) else { return nil }
            offset = (hh * 3600 + mm * 60) * (s[signIndex] == "-" ? -1 : 1)
            s = String(s[..<signIndex])
        }
        let parts = s.split(separator: "T", maxSplits: 1)
        let dateParts = parts[0].split(separator: "-")
        guard dateParts.count == 3, let y = Int(dateParts[0]), let m = Int(dateParts[1]), let d = Int(dateParts[2]) else { return nil }
        var seconds = 0.0
        if parts.count == 2 {
            let timeParts = parts[1].split(separator: ":")
            guard timeParts.count >= 2, let hh = Int(timeParts[0]), let mm = Int(timeParts[1]) else { return nil }
            let ss = timeParts.count > 2 ? Double(timeParts[2]) ?? -1 : 0
            guard ss >= 0 else { return nil }
            seconds = Double(hh * 3600 + mm * 60) + ss
        }
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: Double(days * 86_400) + seconds - Double(offset))
    }
}

/// ISO-2 codes and names for the countries the simulator knows (enough for tests and the demo).
enum SimCountries {
    static let table: [(String, String)] = [
        ("AU", "Australia"), ("NZ", "New Zealand"), ("US", "United States"), ("GB", "United Kingdom"), ("CA", "Canada"),
        ("IE", "Ireland"), ("DE", "Germany"), ("FR", "France"), ("RU", "Russia"), ("SG", "Singapore"), ("JP", "Japan"),
    ]

    static func name(_ value: String) -> String {
        table.first { $0.0.caseInsensitiveCompare(value) == .orderedSame || $0.1.caseInsensitiveCompare(value) == .orderedSame }?.1 ?? value
    }

    static func code2(_ value: String) -> String {
        table.first { $0.0.caseInsensitiveCompare(value) == .orderedSame || $0.1.caseInsensitiveCompare(value) == .orderedSame }?.0 ?? value
    }
}
