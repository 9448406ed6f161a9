import Foundation
import SyncEngine
import TerminalUI

/// One line group of a wizard step's form.
struct FormLine {
    var field: WizardField?
    var height: Int
    var draw: (inout ScreenBuffer, Rect, Theme) -> Void
}

func drawStepIndicator(_ w: WizardState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    var x = rect.x + 1
    let g = theme.glyphs
    for (i, title) in WizardState.stepTitles.enumerated() {
        let done = i < w.step
        let text = i == w.step ? "[\(i + 1) \(title)]" : (done ? "\(g.check)\(i + 1) \(title)" : " \(i + 1) \(title) ")
        let style = i == w.step ? theme.activeTab.reversed() : (done ? theme.ok : theme.muted)
        x += buffer.put(text, at: Point(x: x, y: rect.y), style: style, maxWidth: max(0, rect.maxX - x))
        if i < WizardState.stepTitles.count - 1 {
            x += buffer.put(" " + g.arrowRight + " ", at: Point(x: x, y: rect.y), style: theme.border, maxWidth: max(0, rect.maxX - x))
        }
    }
}

func reportLines(_ test: TestState, g: GlyphSet, spinner: String) -> [String] {
    switch test {
    case .notRun: return []
    case .running: return ["\(spinner) testing…"]
    case .done(let report): return report.checks.map { ($0.ok ? g.check : g.cross) + " " + clean($0.name) + ": " + clean($0.detail) }
    }
}

/// How step 4's carrier names are matched on each platform.
func carriersHint(_ platform: WarehousePlatform) -> String {
    let common = "Without tracking the Cin7 carrier is \"Undefined\"; missing carriers are created in Cin7."
    switch platform {
    case .cartonCloud: return "CartonCloud carrier = Cin7 carrier. " + common
    case .shipStation: return "ShipStation carrier (UPS, FedEx, USPS, …) = Cin7 carrier; unmapped ones keep ShipStation's name. " + common
    case .starshipit:
        return "Starshipit carrier (Australia Post, StarTrack, …) = Cin7 carrier; unmapped ones are written as \"DEFAULT Carrier\", "
            + "as Starshipit's own integration does. " + common
    }
}

/// What step 3's list means on each platform.
func warehousesFieldHint(_ platform: WarehousePlatform) -> String {
    switch platform {
    case .cartonCloud: "CartonCloud cannot list warehouses: type their names or ids (name=id also works)."
    case .shipStation: "ShipStation warehouses (ship-from locations) by name or id; names are checked against the account's list."
    case .starshipit:
        "Starshipit has no warehouses: the account is the unit (a child account per site has its own API key, so its own integration). "
            + "Name the account's sender here; every mapped location ships through this account."
    }
}

func formLines(_ w: WizardState, demo: DemoInfo?, width: Int, theme: Theme) -> [FormLine] {
    let g = theme.glyphs
    let labelWidth = min(24, max(14, width / 3))
    var lines: [FormLine] = []
    let problems = w.showProblems.contains(w.step) ? w.problems(step: w.step) : []
    func message(for field: WizardField) -> String? { problems.first { $0.field == field }?.message }
    func text(_ field: WizardField, _ label: String, hint: String? = nil) {
        let msg = message(for: field)
        let focused = w.focus == field
        lines.append(
            FormLine(field: field, height: msg == nil ? 1 : 2) { buffer, rect, theme in
                buffer.put((focused ? g.pointer : " ") + " " + label, at: rect.origin, style: focused ? theme.header : .plain, maxWidth: labelWidth)
                var f = w.texts[field] ?? TextField()
                f.validationMessage = msg
                let fieldRect = Rect(x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1, height: rect.height)
                f.draw(into: &buffer, in: fieldRect, theme: theme, focused: focused)
            }
        )
        if let hint, focused { note("  " + hint, style: theme.muted) }
    }
    func choice(_ field: WizardField, _ label: String, _ value: String) {
        let focused = w.focus == field
        let msg = message(for: field)
        lines.append(
            FormLine(field: field, height: msg == nil ? 1 : 2) { buffer, rect, theme in
                buffer.put((focused ? g.pointer : " ") + " " + label, at: rect.origin, style: focused ? theme.header : .plain, maxWidth: labelWidth)
                let shown = g.arrowLeft + " " + value + " " + g.arrowRight
                buffer.put(
                    shown,
                    in: Rect(x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1, height: 1),
                    style: focused ? theme.selection : .bold,
                    ellipsis: g.ellipsis
                )
                if let msg {
                    buffer.put(
                        g.warning + " " + msg,
                        in: Rect(x: rect.x + labelWidth + 1, y: rect.y + 1, width: rect.width - labelWidth - 1, height: 1),
                        style: theme.error,
                        ellipsis: g.ellipsis
                    )
                }
            }
        )
    }
    func check(_ field: WizardField, _ label: String, _ on: Bool) {
        let focused = w.focus == field
        lines.append(
            FormLine(field: field, height: 1) { buffer, rect, theme in
                buffer.put(
                    (focused ? g.pointer : " ") + " " + (on ? g.checkboxOn : g.checkboxOff) + " " + label,
                    in: rect,
                    style: focused ? theme.selection : .plain,
                    ellipsis: g.ellipsis
                )
            }
        )
    }
    func button(_ field: WizardField, _ label: String, result: [String]) {
        let focused = w.focus == field
        lines.append(
            FormLine(field: field, height: 1) { buffer, rect, theme in
                buffer.put(
                    (focused ? g.pointer : " ") + " [ " + label + " ]" + (focused ? "  Enter" : ""),
                    in: rect,
                    style: focused ? theme.selection : theme.key,
                    ellipsis: g.ellipsis
                )
            }
        )
        for r in result {
            let ok = r.hasPrefix(g.check)
            let bad = r.hasPrefix(g.cross)
            note("    " + r, style: ok ? theme.ok : (bad ? theme.error : theme.info))
        }
    }
    func note(_ s: String, style: Style = .plain) {
        let indent = String(s.prefix { $0 == " " })
        let body = String(s.dropFirst(indent.count))
        for wrapped in TextWrap.wrap(body, width: max(10, width - indent.count)) {
            let line = indent + wrapped
            lines.append(
                FormLine(field: nil, height: 1) { buffer, rect, _ in
                    buffer.put(line, in: rect, style: style, ellipsis: g.ellipsis)
                }
            )
        }
    }
    func heading(_ s: String) {
        lines.append(FormLine(field: nil, height: 1) { buffer, rect, theme in buffer.put(s, in: rect, style: theme.header, ellipsis: g.ellipsis) })
    }
    let spinner = g.spinnerFrame(0)
    switch w.step {
    case 0:
        note("Name this integration (one Cin7 account to one warehouse customer).", style: theme.muted)
        text(.name, "Name")
    case 1:
        heading("Cin7 Core — from Cin7 Core → Integrations → API")
        text(.cin7Account, "Account ID")
        text(.cin7Key, "Application Key")
        text(.cin7BaseURL, "API base URL", hint: "Leave as is for Cin7 Core; a test system or the simulator has its own.")
        button(.testCin7, "Test Cin7 connection", result: reportLines(w.cin7Test, g: g, spinner: spinner))
        heading("Fulfilment platform")
        choice(.platform, "Platform", w.platform.displayName)
        switch w.platform {
        case .cartonCloud:
            note("  CartonCloud: the self-managed integration's API client.", style: theme.muted)
            text(
                .warehouseBaseURL,
                "Region / base URL",
                hint:
                    "\(IntegrationConfig.WarehouseConnection.defaultBaseURL) (AU) or \(IntegrationConfig.WarehouseConnection.northAmericaBaseURL) (NA)"
            )
            text(.ccTenant, "Tenant ID")
            text(.ccClientID, "Client ID")
            text(.ccSecret, "Client secret")
            text(.ccCustomer, "Customer ID")
        case .shipStation:
            note(
                "  ShipStation V1 API keys: Settings → Account → API Settings. Do not also connect this Cin7 account through "
                    + "Cin7's own ShipStation integration (Custom Store or ShipStation Store), or orders ship twice.",
                style: theme.warning
            )
            text(.warehouseBaseURL, "API base URL", hint: "Leave as is for ShipStation; the simulator has its own.")
            text(.platformKey, "API key")
            text(.platformSecret, "API secret")
            text(.storeID, "Store ID", hint: "Optional: the ShipStation store orders are created in (empty: the manual orders store).")
        case .starshipit:
            note(
                "  Starshipit: Settings → API (API key and subscription key). Do not also enable Starshipit's own Cin7 Core "
                    + "(DEAR) integration for this account, or sales import twice.",
                style: theme.warning
            )
            text(.warehouseBaseURL, "API base URL", hint: "Leave as is for Starshipit; the simulator has its own.")
            text(.platformKey, "API key")
            text(.platformSecret, "Subscription key", hint: "It selects the rate tier: Developer 2 calls/s, Production 20 calls/s.")
            check(.productionTier, "Production tier (20 calls/s; Developer keys allow 2)", w.productionTier)
        }
        button(.testWarehouse, "Test warehouse connection", result: reportLines(w.warehouseTest, g: g, spinner: spinner))
        if demo != nil { note("Demo: the simulator credentials are on the Integrations screen and in help (F1).", style: theme.muted) }
    case 2:
        text(.warehouses, w.platform == .starshipit ? "Senders" : "Warehouses", hint: warehousesFieldHint(w.platform))
        if w.preview == .loaded, let (line, level) = warehouseCheck(w) {
            let mark = level == .ok ? g.check + " " : (level == .warning ? g.warning + " " : "")
            note("  " + mark + line, style: level == .ok ? theme.ok : (level == .warning ? theme.warning : theme.muted))
        }
        let refs = w.warehouseRefs.map { clean($0.display) }
        choice(
            .defaultWarehouse,
            "Default warehouse",
            w.chosen(w.defaultWarehouse) == 0 ? "none — only mapped locations" : refs[safe: w.defaultWarehouse - 1] ?? "?"
        )
        heading("Top-level Cin7 locations (bins follow their parent)")
        switch w.preview {
        case .loading: note("  \(spinner) reading locations and recent sales from Cin7…", style: theme.muted)
        case .failed(let m): note("  \(g.cross) " + clean(m) + " — fix step 2, then Enter on Preview.", style: theme.error)
        default: if w.locations.isEmpty { note("  No locations loaded yet.", style: theme.muted) }
        }
        let defaultName = w.chosen(w.defaultWarehouse) == 0 ? "skip" : "default"
        for (i, location) in w.locations.enumerated() {
            let c = w.chosen(w.mappingChoice[location.id] ?? 0)
            choice(.mapping(i), "  " + clean(location.name), c == 0 ? "(\(defaultName))" : refs[safe: c - 1] ?? "?")
        }
        text(.statuses, "Statuses to import", hint: "Default: ORDERED, BACKORDERED (order authorised).")
        let countText = w.goLiveCount.map { " — brings in \($0) sale\($0 == 1 ? "" : "s")" } ?? ""
        choice(.goLive, "Go live", (w.goLiveFromDate ? "from a date" : "sales from now on") + countText)
        if w.goLiveFromDate { text(.goLiveDate, "  From date", hint: "YYYY-MM-DD; sales changed on or after it are imported.") }
        check(.perFulfilment, "Advanced sales: one warehouse order per fulfilment", w.perFulfilment)
        let instr: [IntegrationConfig.InstructionSource: String] = [
            .shippingNotes: "shipping notes", .memo: "memo", .both: "shipping notes + memo", .none: "none",
        ]
        choice(.instructions, "Delivery instructions", instr[w.instructions] ?? "")
        check(.contactAsCompany, "Use the contact as the company name", w.contactAsCompany)
        button(.refreshPreview, "Preview recent sales", result: [])
        if w.preview == .loaded {
            note("  Recent sales, newest first — where each would go:", style: theme.muted)
            if w.previewRows.isEmpty { note("    No recent sales to preview.", style: theme.muted) }
            for row in w.previewRows {
                let dest = row.destination.map { g.arrowRight + " " + clean($0) } ?? "skipped: " + clean(row.skipReason ?? "")
                let text =
                    "    " + DisplayWidth.pad(clean(row.orderNumber), to: 10) + " " + DisplayWidth.pad(clean(row.location), to: 16) + " " + dest
                lines.append(
                    FormLine(field: nil, height: 1) { buffer, rect, theme in
                        buffer.put(text, in: rect, style: row.destination == nil ? theme.muted : .plain, ellipsis: g.ellipsis)
                    }
                )
            }
        }
    default:
        check(.completeOnDispatch, "Complete fulfilment in Cin7 when the warehouse dispatches", w.completeOnDispatch)
        if w.platform == .starshipit {
            choice(.writebackOn, "Write back on", w.writebackOn == .labelPrinted ? "label printed" : "manifested")
        }
        check(.sendTracking, "Send tracking to Cin7, and update it when it changes", w.sendTracking)
        text(.carriers, "Carrier mapping", hint: carriersHint(w.platform))
        text(.timeZone, "Cin7 time zone")
        text(.alertHook, "Alert hook", hint: alertHookHint(w.config.alerts))
        note("")
        note(w.saving ? "Saving…" : "Finish (^N or F10) saves and starts syncing.", style: theme.info)
    }
    return lines
}

/// What the alert hook field is for, and where the typed hook sends (its host or command, never the token).
func alertHookHint(_ hook: AlertHook?) -> String {
    let target = hook.map { " Now: " + clean($0.logDescription) + "." } ?? ""
    return "Optional: an https URL to POST alerts to, or a command (absolute path) run for each; see docs/ALERTS.md." + target
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

func drawWizard(_ w: WizardState, demo: DemoInfo?, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    let (indicator, rest) = rect.splitTop(2)
    drawStepIndicator(w, into: &buffer, indicator, theme: theme)
    let (formArea, buttons) = rest.splitBottom(1)
    let form = formArea.inset(left: 2, right: 2)
    let lines = formLines(w, demo: demo, width: form.width, theme: theme)
    // Scroll so the focused control is visible; on the last control show what follows it (results, preview).
    var tops: [Int] = []
    var total = 0
    for l in lines {
        tops.append(total)
        total += l.height
    }
    let focusIndex = lines.firstIndex { $0.field == w.focus } ?? 0
    let focusTop = tops[safe: focusIndex] ?? 0
    let focusBottom = focusTop + (lines[safe: focusIndex]?.height ?? 1)
    let lastField = lines.lastIndex { $0.field != nil } ?? 0
    var offset = max(0, focusBottom - form.height)
    if focusIndex == lastField || lines[(focusIndex + 1)...].prefix(4).contains(where: { $0.field == nil }) {
        let following = lines[(focusIndex + 1)...].prefix { $0.field == nil }.reduce(0) { $0 + $1.height }
        offset = max(offset, min(focusTop, focusBottom + following - form.height))
    }
    offset = max(0, min(offset, max(0, total - form.height)))
    for (i, line) in lines.enumerated() {
        let y = form.y + tops[i] - offset
        guard y >= form.y, y + line.height <= form.maxY else { continue }
        line.draw(&buffer, Rect(x: form.x, y: y, width: form.width, height: line.height), theme)
    }
    if offset > 0 { buffer.put(theme.glyphs.arrowUp, at: Point(x: rect.maxX - 1, y: form.y), style: theme.muted) }
    if total - offset > form.height { buffer.put(theme.glyphs.arrowDown, at: Point(x: rect.maxX - 1, y: form.maxY - 1), style: theme.muted) }
    let last = w.step == WizardState.stepTitles.count - 1
    let bar = (w.step > 0 ? "[ ^P Back ]  " : "") + (last ? "[ ^N Finish ]" : "[ ^N Next ]") + "  [ Esc Cancel ]"
    buffer.put(bar, in: buttons.inset(left: 2, right: 2), style: theme.key, alignment: .right, ellipsis: theme.glyphs.ellipsis)
    buffer.put("Step \(w.step + 1) of \(WizardState.stepTitles.count)", at: Point(x: buttons.x + 2, y: buttons.y), style: theme.muted)
}

/// What the wizard can say about the typed warehouse names: CartonCloud cannot list warehouses, so they are compared
/// with the warehouses of the customer's recent orders, and a name not among them is a warning (it may still exist).
func warehouseCheck(_ w: WizardState) -> (String, Flash.Level)? {
    guard !w.warehouseRefs.isEmpty, w.platform != .starshipit else { return nil }
    guard let known = w.knownWarehouses else {
        return ("Names not checked: the warehouse did not answer. A wrong name shows as “Warehouse not found” on the first order.", .info)
    }
    guard !known.isEmpty else {
        return (
            "Names not checked: this customer has no orders of the last 90 days to compare them with. Spell them exactly as in CartonCloud.", .info
        )
    }
    let unknown = ConfigValidator.unknownWarehouses(in: w.config, known: known)
    let seen = known.map(\.display).joined(separator: ", ")
    if w.platform == .shipStation {
        guard !unknown.isEmpty else { return ("Each mapped warehouse is one of this ShipStation account's warehouses.", .ok) }
        let names = unknown.map { "“\($0.display)”" }.joined(separator: ", ")
        return ("Not a warehouse of this ShipStation account: \(names) (its warehouses: \(seen)).", .warning)
    }
    guard !unknown.isEmpty else { return ("Each mapped warehouse is one this customer's recent orders went to.", .ok) }
    let names = unknown.map { "“\($0.display)”" }.joined(separator: ", ")
    return ("Not on any of this customer's recent orders: \(names) (seen: \(seen)). Check the spelling: CartonCloud matches names exactly.", .warning)
}
