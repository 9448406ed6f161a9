import BridgeSupport
import Cin7Core
import Foundation

extension IntegrationEngine {
    /// Writes pick, pack and ship for dispatched orders, then tracking changes (at background priority).
    func writebackStep() async throws -> Bool {
        var didWork = false
        let due =
            try hasUnits(in: [.dispatched, .writingBack])
            ? try store.dueUnits(integrationID: integrationID, states: [.dispatched, .writingBack], now: clock.now, limit: 20) : []
        for unit in due where !stopping {
            try await writeBack(unit)
            flushCalls()
            publishStatus()
            didWork = true
        }
        if config.fulfilment.sendTracking {
            for unit in try store.unitsWithTrackingChange(integrationID: integrationID, limit: 10) where !stopping {
                try await updateTracking(unit)
                flushCalls()
                didWork = true
            }
        }
        return didWork
    }

    /// Pick (auto), pack and ship authorised for each of the unit's Cin7 tasks. Steps already known done are not
    /// repeated; when an earlier write's outcome is unknown, the fulfilment is read once first and steps already
    /// AUTHORISED count as done. So the normal path costs exactly three writes per task.
    func writeBack(_ start: ShipmentUnit) async throws {
        var unit = start
        guard config.fulfilment.completeOnDispatch else {
            let message = try unit.completedWithoutWriteback(now: clock.now)
            try save(unit, from: start, [message])
            return
        }
        let intent = try unit.beginWriteback(now: clock.now)
        try save(unit, from: start, [intent])
        var current = unit
        let shipment =
            unit.shipment ?? WarehouseShipment()
        let tasks = unit.writebackTasks
        var pickLines: [Int: [PickPackLine]] = [:]
        // The boxes each task's pack has, when this run packed it (otherwise read from Cin7 before shipping).
        var packBoxes: [Int: [String]] = [:]

        func step(_ message: String) throws {
            try save(unit, from: current, [message])
            current = unit
        }

        do {
            if unit.writebackUncertain {
                let fulfilments = try await calls(CallPurpose.writeback, unit: unit.id) { try await cin7.fulfilments(saleID: unit.saleID) }
                for (index, task) in tasks.enumerated() {
                    guard let f = fulfilments.Fulfilments?.first(where: { $0.TaskID.value == task.lowercased() }) else { continue }
                    if Self.voided(f), !unit.isDone(.ship, task: index) {
                        try step(unit.writebackTaskVoided(task: index, now: clock.now))
                        continue
                    }
                    pickLines[index] = f.Pick?.Lines
                    if Self.authorised(f.Pick?.Status?.rawValue), !unit.isDone(.pick, task: index) {
                        try step(unit.writebackStepDone(.pick, task: index, alreadyDone: true, now: clock.now))
                    }
                    if Self.authorised(f.Pack?.Status?.rawValue), !unit.isDone(.pack, task: index) {
                        try step(unit.writebackStepDone(.pack, task: index, alreadyDone: true, now: clock.now))
                    }
                    if Self.authorised(f.Ship?.Status?.rawValue), !unit.isDone(.ship, task: index) {
                        try step(unit.writebackStepDone(.ship, task: index, alreadyDone: true, now: clock.now))
                    }
                }
                unit.writebackUncertain = false
                try step("Read the Cin7 fulfilment to confirm what an interrupted write did")
            }
            let carrier = try await cin7Carrier(for: shipment, unitID: unit.id)
            let shipDate = CalendarDate(shipment.dispatchedAt ?? clock.now, in: try await cin7TimeZone(unitID: unit.id))

            for (index, task) in tasks.enumerated() where !stopping {
                let taskID = Cin7ID(task)
                do {
                    if !unit.isDone(.pick, task: index) {
                        // A shipment the warehouse reported short writes back what was shipped (one task only).
                        let pick = (tasks.count == 1 ? Self.shippedPick(unit, shipment, taskID: taskID) : nil) ?? .autoPick(taskID: taskID)
                        let result = try await writeStep(unit: &unit) { try await self.cin7.writePick(pick) }
                        pickLines[index] = result?.Lines
                        try step(unit.writebackStepDone(.pick, task: index, alreadyDone: result == nil, now: clock.now))
                    }
                    if !unit.isDone(.pack, task: index) {
                        var lines = pickLines[index] ?? []
                        if lines.isEmpty {
                            lines = try await calls(CallPurpose.writeback, unit: unit.id) { try await cin7.pick(taskID: taskID.value) }.Lines ?? []
                        }
                        let packLines = lines.map { line -> PickPackLine in
                            var pack = line
                            pack.Box = "Box 1"
                            return pack
                        }
                        let result = try await writeStep(unit: &unit) { try await self.cin7.writePack(PackRequest(TaskID: taskID, Lines: packLines)) }
                        if result != nil { packBoxes[index] = ["Box 1"] }
                        try step(unit.writebackStepDone(.pack, task: index, alreadyDone: result == nil, now: clock.now))
                    }
                    if !unit.isDone(.ship, task: index) {
                        // Ship the boxes the pack really has ("payload should contain all boxes from Packing stage",
                        // cin7-core-api-v2.apib ~L23703): read them when the pack was authorised outside this run.
                        let boxes: [String]
                        if let known = packBoxes[index] {
                            boxes = known
                        } else {
                            boxes = try await packedBoxes(taskID.value, unitID: unit.id)
                        }
                        let lines = boxes.map { box in
                            ShipRequestLine(
                                ShipmentDate: shipDate,
                                Carrier: carrier,
                                Box: box,
                                TrackingNumber: config.fulfilment.sendTracking ? Self.cin7TrackingNumber(shipment) : nil,
                                TrackingURL: config.fulfilment.sendTracking ? shipment.trackingURL?.nilIfBlank : nil,
                                IsShipped: true
                            )
                        }
                        let result = try await writeStep(unit: &unit) { try await self.cin7.writeShip(ShipRequest(TaskID: taskID, Lines: lines)) }
                        try step(unit.writebackStepDone(.ship, task: index, alreadyDone: result == nil, now: clock.now))
                    }
                } catch let error as Cin7Error {
                    // A refused write: the fulfilment may have been voided since the order was planned (Cin7 refuses
                    // writes to it: "Pick status is not DRAFT or NOT AVAILABLE", cin7-core-api-v2.apib ~L23442).
                    guard case .validation = error, try await taskIsVoided(task, saleID: unit.saleID, unitID: unit.id) else { throw error }
                    try step(unit.writebackTaskVoided(task: index, now: clock.now))
                }
            }
            guard !stopping else { return }
            let sent =
                config.fulfilment.sendTracking && shipment.hasTracking
                ? Self.trackingText(carrier: cin7CarrierName(for: shipment), shipment) : nil
            let message = try unit.completed(trackingSent: sent, now: clock.now)
            try save(unit, from: current, [message])
        } catch let error as StoreError {
            throw error
        } catch let error as UnitConflict {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try fail(&unit, from: current, error, resume: .dispatched)
        }
    }

    /// Whether Cin7 says task `task` of the sale is voided (one read of the sale's fulfilments).
    func taskIsVoided(_ task: String, saleID: String, unitID: Int64?) async throws -> Bool {
        let fulfilments = try await calls(CallPurpose.writeback, unit: unitID) { try await cin7.fulfilments(saleID: saleID) }
        return fulfilments.Fulfilments?.first { $0.TaskID.value == task.lowercased() }.map(Self.voided) ?? false
    }

    /// A fulfilment voided in Cin7: Pick, Pack and Ship `VOIDED` (cin7-core-api-v2.apib ~L23330).
    static func voided(_ f: SaleFulfilment) -> Bool {
        f.Pick?.Status?.rawValue.uppercased() == "VOIDED"
    }

    /// The distinct boxes of a task's pack (`Pack.Lines[].Box`), in the pack's order; "Box 1" when it names none.
    func packedBoxes(_ taskID: String, unitID: Int64?) async throws -> [String] {
        let pack = try await calls(CallPurpose.writeback, unit: unitID) { try await cin7.pack(taskID: taskID) }
        return Self.distinctBoxes(pack.Lines?.compactMap(\.Box) ?? [])
    }

    static func distinctBoxes(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var boxes: [String] = []
        for name in names {
            let box = name.trimmingCharacters(in: .whitespaces)
            if !box.isEmpty, seen.insert(box.lowercased()).inserted { boxes.append(box) }
        }
        return boxes.isEmpty ? ["Box 1"] : boxes
    }

    /// The time zone Cin7 dates are written in: the configured one, else the Cin7 account's own (`me` → `TimeZone`,
    /// cin7-core-api-v2.apib ~L3750), read once; this machine's only when Cin7 names none it can use.
    func cin7TimeZone(unitID: Int64?) async throws -> TimeZone {
        if !config.fulfilment.timeZone.isEmpty { return config.fulfilment.resolvedTimeZone }
        if !reference.accountTimeZoneLoaded {
            let me = try await calls(CallPurpose.other, unit: unitID) { try await cin7.me(priority: .high) }
            reference.accountTimeZone = me.TimeZone.flatMap { TimeZone(identifier: $0.trimmingCharacters(in: .whitespaces)) }
            reference.accountTimeZoneLoaded = true
        }
        return reference.accountTimeZone ?? .current
    }

    /// Sends one write. Returns nil when Cin7 says the step is already authorised. A write whose outcome is
    /// unknown (timeout, connection lost, 5xx after sending, unreadable answer) marks the unit uncertain so the
    /// next attempt reads the fulfilment first.
    func writeStep<T: Sendable>(unit: inout ShipmentUnit, _ body: @Sendable () async throws -> T) async throws -> T? {
        do {
            return try await calls(CallPurpose.writeback, unit: unit.id) { try await body() }
        } catch let error as Cin7Error {
            if error.isAlreadyAuthorised { return nil }
            switch error {
            case .transient, .malformed: unit.writebackUncertain = true
            default: break
            }
            throw error
        }
    }

    /// The tracking of a ship line: every package's number, comma-separated as Cin7 combines them
    /// (`CombinedTrackingNumbers`, cin7-core-api-v2.apib ~L20136), so a shipment in several parcels loses none.
    static func cin7TrackingNumber(_ shipment: WarehouseShipment) -> String? {
        let numbers = shipment.trackingNumbers
        return numbers.isEmpty ? nil : numbers.joined(separator: ", ")
    }

    /// The name of the Cin7 carrier a shipment is written with, before Cin7 is asked (see `cin7Carrier`).
    func cin7CarrierName(for shipment: WarehouseShipment) -> String {
        guard shipment.hasTracking, let warehouseCarrier = shipment.carrier?.nilIfBlank else { return IntegrationConfig.Fulfilment.undefinedCarrier }
        return config.fulfilment.carrierMappings.first { $0.key.caseInsensitiveCompare(warehouseCarrier) == .orderedSame }?.value
            ?? warehouse.unmappedCarrier ?? warehouseCarrier
    }

    /// The Cin7 carrier for a shipment: mapped name, else the platform's unmapped carrier (Starshipit's
    /// "DEFAULT Carrier") or the warehouse's own name, "Undefined" without tracking;
    /// created in Cin7 once when missing (if allowed). A ship line's `Carrier` references a Cin7 carrier
    /// (cin7-core-api-v2.apib ~L29862) and is optional, so one Cin7 does not have, and may not be created, is left out
    /// (nil) rather than sent to be refused.
    func cin7Carrier(for shipment: WarehouseShipment, unitID: Int64?) async throws -> String? {
        let options = config.fulfilment
        let name = cin7CarrierName(for: shipment)
        if !reference.carriersLoaded {
            let carriers = try await calls(CallPurpose.other, unit: unitID) { try await cin7.carriers() }
            for carrier in carriers { if let description = carrier.Description { reference.carriers[description.lowercased()] = description } }
            reference.carriersLoaded = true
        }
        if let known = reference.carrier(named: name) { return known }
        guard options.createMissingCarriers else { return nil }
        do {
            let created = try await calls(CallPurpose.other, unit: unitID) { try await cin7.createCarrier(description: name) }
            let description = created.Description ?? name
            reference.carriers[description.lowercased()] = description
            return description
        } catch let error as Cin7Error where !error.isTransient {
            // Probably created meanwhile ("already exists"): read the list again next time.
            reference.carriersLoaded = false
            return name
        }
    }

    /// Sends changed tracking to the authorised Cin7 shipment (`AddTrackingNumbers`).
    func updateTracking(_ start: ShipmentUnit) async throws {
        var unit = start
        guard let shipment = unit.shipment else {
            return
        }
        let tasks = unit.writebackTasks
        do {
            let carrier = try await cin7Carrier(for: shipment, unitID: unit.id)
            let shipDate = CalendarDate(shipment.dispatchedAt ?? clock.now, in: try await cin7TimeZone(unitID: unit.id))
            for task in tasks {
                // Name the boxes the shipment really has (its pack may have been made outside this product).
                let current = try await calls(CallPurpose.other, unit: unit.id) { try await cin7.ship(taskID: task, priority: .background) }
                guard current.Status?.rawValue.uppercased() != "VOIDED" else { continue }
                let lines = Self.distinctBoxes((current.Lines ?? []).compactMap(\.Boxes)).map { box in
                    ShipRequestLine(
                        ShipmentDate: shipDate,
                        Carrier: carrier,
                        Box: box,
                        TrackingNumber: Self.cin7TrackingNumber(shipment),
                        TrackingURL: shipment.trackingURL,
                        IsShipped: true
                    )
                }
                _ = try await calls(CallPurpose.other, unit: unit.id) {
                    try await cin7.writeShip(
                        ShipRequest(TaskID: Cin7ID(task), Lines: lines, AddTrackingNumbers: true),
                        method: .put,
                        priority: .background
                    )
                }
            }
            let message = unit.trackingUpdated(
                Self.trackingText(carrier: cin7CarrierName(for: shipment), shipment),
                now: clock.now
            )
            try save(unit, from: start, [message])
        } catch let error as StoreError {
            throw error
        } catch {
            let failure = Failure.classify(error)
            noteTransient(failure)
            if !failure.isTransient {
                unit.trackingDirty = false
                unit.updatedAt = clock.now
                try save(unit, from: start, ["Tracking update refused by Cin7: \(failure.message)"], kind: .error)
            }
        }
    }

    static func authorised(_ status: String?) -> Bool {
        guard let status = status?.uppercased() else { return false }
        return status == "AUTHORISED"
    }
}
