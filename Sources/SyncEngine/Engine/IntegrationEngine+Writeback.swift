import BridgeSupport
import Cin7Core
import Foundation

extension IntegrationEngine {
    /// Writes pick, pack and ship for dispatched orders, then tracking changes (at background priority).
    func writebackStep() async throws -> Bool {
        var didWork = false
        let due = try store.dueUnits(integrationID: integrationID, states: [.dispatched, .writingBack], now: clock.now, limit: 20)
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
        let shipment = unit.shipmentJSON.flatMap { try? JSONDecoder.bridge.decode(WarehouseShipment.self, from: Data($0.utf8)) } ?? WarehouseShipment()
        let tasks = (unit.taskID ?? unit.saleID).split(separator: ",").map(String.init)
        var pickLines: [Int: [PickPackLine]] = [:]

        func step(_ message: String) throws {
            try save(unit, from: current, [message])
            current = unit
        }

        do {
            if unit.writebackUncertain {
                let fulfilments = try await calls(CallPurpose.writeback, unit: unit.id) { try await cin7.fulfilments(saleID: unit.saleID) }
                for (index, task) in tasks.enumerated() {
                    guard let f = fulfilments.Fulfilments?.first(where: { $0.TaskID.value == task.lowercased() }) else { continue }
                    pickLines[index] = f.Pick?.Lines
                    if Self.authorised(f.Pick?.Status?.rawValue), !unit.isDone(.pick, task: index) { try step(unit.writebackStepDone(.pick, task: index, alreadyDone: true, now: clock.now)) }
                    if Self.authorised(f.Pack?.Status?.rawValue), !unit.isDone(.pack, task: index) { try step(unit.writebackStepDone(.pack, task: index, alreadyDone: true, now: clock.now)) }
                    if Self.authorised(f.Ship?.Status?.rawValue), !unit.isDone(.ship, task: index) { try step(unit.writebackStepDone(.ship, task: index, alreadyDone: true, now: clock.now)) }
                }
                unit.writebackUncertain = false
                try step("Read the Cin7 fulfilment to confirm what an interrupted write did")
            }
            let carrier = try await cin7Carrier(for: shipment, unitID: unit.id)
            let shipDate = Self.calendarDate(shipment.dispatchedAt ?? clock.now, in: config.fulfilment.resolvedTimeZone)

            for (index, task) in tasks.enumerated() where !stopping {
                let taskID = Cin7ID(task)
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
                    try step(unit.writebackStepDone(.pack, task: index, alreadyDone: result == nil, now: clock.now))
                }
                if !unit.isDone(.ship, task: index) {
                    let line = ShipRequestLine(
                        ShipmentDate: shipDate, Carrier: carrier, Box: "Box 1",
                        TrackingNumber: config.fulfilment.sendTracking ? shipment.trackingNumber?.nilIfBlank : nil,
                        TrackingURL: config.fulfilment.sendTracking ? shipment.trackingURL?.nilIfBlank : nil, IsShipped: true)
                    let result = try await writeStep(unit: &unit) { try await self.cin7.writeShip(ShipRequest(TaskID: taskID, Lines: [line])) }
                    try step(unit.writebackStepDone(.ship, task: index, alreadyDone: result == nil, now: clock.now))
                }
            }
            guard !stopping else { return }
            let sent = config.fulfilment.sendTracking && shipment.hasTracking ? Self.trackingText(WarehouseShipment(carrier: carrier, trackingNumber: shipment.trackingNumber)) : nil
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

    /// The Cin7 carrier for a shipment: mapped name, else the warehouse's name, "Undefined" without tracking;
    /// created in Cin7 once when missing (if allowed).
    func cin7Carrier(for shipment: WarehouseShipment, unitID: Int64?) async throws -> String {
        let options = config.fulfilment
        var name = IntegrationConfig.Fulfilment.undefinedCarrier
        if shipment.hasTracking, let warehouseCarrier = shipment.carrier?.nilIfBlank {
            name = options.carrierMappings.first { $0.key.caseInsensitiveCompare(warehouseCarrier) == .orderedSame }?.value ?? warehouseCarrier
        }
        if !reference.carriersLoaded {
            let carriers = try await calls(CallPurpose.other, unit: unitID) { try await cin7.carriers() }
            for carrier in carriers { if let description = carrier.Description { reference.carriers[description.lowercased()] = description } }
            reference.carriersLoaded = true
        }
        if let known = reference.carrier(named: name) { return known }
        guard options.createMissingCarriers else { return name }
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
        guard let shipment = unit.shipmentJSON.flatMap({ try? JSONDecoder.bridge.decode(WarehouseShipment.self, from: Data($0.utf8)) }) else { return }
        let tasks = (unit.taskID ?? unit.saleID).split(separator: ",").map(String.init)
        do {
            let carrier = try await cin7Carrier(for: shipment, unitID: unit.id)
            let shipDate = Self.calendarDate(shipment.dispatchedAt ?? clock.now, in: config.fulfilment.resolvedTimeZone)
            for task in tasks {
                let line = ShipRequestLine(
                    ShipmentDate: shipDate, Carrier: carrier, Box: "Box 1", TrackingNumber: shipment.trackingNumber,
                    TrackingURL: shipment.trackingURL, IsShipped: true)
                _ = try await calls(CallPurpose.other, unit: unit.id) {
                    try await cin7.writeShip(ShipRequest(TaskID: Cin7ID(task), Lines: [line], AddTrackingNumbers: true), method: .put, priority: .background)
                }
            }
            let message = unit.trackingUpdated(Self.trackingText(WarehouseShipment(carrier: carrier, trackingNumber: shipment.trackingNumber)), now: clock.now)
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

    /// The calendar date of `date` in the Cin7 account's time zone.
    static func calendarDate(_ date: Date, in zone: TimeZone) -> Cin7CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Cin7CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
