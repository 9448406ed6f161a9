import Foundation
import SyncEngine
import TerminalUI

func detailLines(_ unit: ShipmentUnit, g: GlyphSet) -> (cin7: [String], warehouse: [String]) {
    let order = unit.orderRequest
    let shipment = unit.shipment
    var cin7 = [
        "Sale     " + unit.orderNumber + (unit.fulfilmentNumber > 0 ? " fulfilment \(unit.fulfilmentNumber)" : ""),
        "Customer " + unit.customerName, "Location " + unit.cin7Location,
    ]
    for line in order?.lines ?? [] {
        let qty = line.quantity == line.quantity.rounded() ? String(Int(line.quantity)) : String(line.quantity)
        cin7.append("  \(qty) × \(line.sku)  \(line.name)")
    }
    if let a = order?.address {
        let street = [a.address1, a.address2].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        let place = [a.city, a.stateCode ?? a.stateName, a.postcode, a.countryCode].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        cin7.append("Ship to  " + [a.companyName, a.contactName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " / "))
        if !street.isEmpty { cin7.append("         " + street) }
        if !place.isEmpty { cin7.append("         " + place) }
    }
    if let i = order?.instructions, !i.isEmpty { cin7.append("Notes    " + i) }
    var wh = [
        "Warehouse " + (unit.warehouse ?? "—"), "Reference " + unit.reference,
        "Order id  " + (unit.warehouseOrderID ?? "not created"), "Status    " + (unit.warehouseStatus ?? "—"),
    ]
    if let s = shipment {
        wh.append("Carrier   " + (s.carrier ?? IntegrationConfig.Fulfilment.undefinedCarrier))
        if let packages = s.packages, packages.count > 1 {
            for package in packages {
                wh.append("Tracking  " + package.trackingNumber + (package.carrier.map { " (\($0))" } ?? ""))
            }
        } else {
            wh.append("Tracking  " + (s.trackingNumber ?? "none"))
            if let url = s.trackingURL { wh.append("          " + url) }
        }
    }
    if let sent = unit.trackingSent { wh.append("Sent to Cin7: " + sent) }
    return (cin7.map(clean), wh.map(clean))
}

func drawDetail(_ detail: DetailState, now: Date, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    let g = theme.glyphs
    let unit = detail.unit
    let (cin7, wh) = detailLines(unit, g: g)
    // State line.
    let stateLine =
        stateText(unit.state, g) + " for " + age(unit, now: now)
        + (unit.attempts > 0 ? " · attempt \(unit.attempts)" : "") + (unit.nextAttemptAt.map { " · next try " + until($0, now: now) } ?? "")
    buffer.put(
        stateLine,
        in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1),
        style: stateStyle(unit.state, theme).bolded(),
        ellipsis: g.ellipsis
    )
    let sideHeight = min(max(cin7.count, wh.count) + 2, max(5, rect.height / 2 - 1))
    let sides = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: sideHeight).columns(weights: [1, 1], gap: 0)
    for (box, title, lines) in [(sides[0], "Cin7 sale", cin7), (sides[1], "Warehouse order", wh)] {
        let inner = buffer.box(box, title: title, glyphs: g, style: theme.border, titleStyle: theme.header)
        for (k, line) in lines.prefix(inner.height).enumerated() {
            buffer.put(line, in: Rect(x: inner.x, y: inner.y + k, width: inner.width, height: 1), ellipsis: g.ellipsis)
        }
    }
    var y = rect.y + 1 + sideHeight
    let inner = Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: rect.maxY - y)
    var why: [(String, Style)] = []
    if let reason = unit.reason ?? unit.lastError, !reason.isEmpty { why.append(("Why: " + clean(reason), stateStyle(unit.state, theme))) }
    if let a = unit.advice { why.append(("What to do: " + a, theme.info)) }
    for (text, style) in why {
        for line in TextWrap.wrap(text, width: inner.width).prefix(2) where y < inner.maxY {
            buffer.put(line, at: Point(x: inner.x, y: y), style: style, maxWidth: inner.width)
            y += 1
        }
    }
    guard y < rect.maxY else { return }
    let timeRect = Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y)
    let formatter = DateFormatter()
    formatter.dateFormat = "MM-dd HH:mm:ss"
    formatter.locale = Locale(identifier: "en_US_POSIX")
    let rows: [[String]] = detail.timeline.map { e in [formatter.string(from: e.at), e.kind.rawValue, timelineText(e)] }
    let table = Table(
        columns: [
            TableColumn("Time", width: .fixed(14)), TableColumn("Kind", width: .fixed(8)),
            TableColumn("Timeline (newest first)", width: .flex(weight: 1, min: 10)),
        ],
        rows: rows,
        selection: rows.isEmpty ? nil : min(detail.scroll, rows.count - 1),
        scrollOffset: detail.scroll,
        emptyMessage: "No events yet"
    )
    table.draw(into: &buffer, in: timeRect.inset(left: 1, right: 1), theme: theme)
}

/// A timeline line as words: the message, the call it records, who did it.
func timelineText(_ e: AuditEntry) -> String {
    var what = clean(e.message)
    if let m = e.method, let p = e.path {
        what += " · \(m) \(clean(p))" + (e.status.map { " \($0)" } ?? "") + (e.duration.map { " \(Int($0 * 1000))ms" } ?? "")
    }
    if let actor = e.actor { what += " · by " + clean(actor) }
    return what
}
