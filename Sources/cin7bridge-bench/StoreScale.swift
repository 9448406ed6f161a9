import BridgeSupport
import Foundation
import SyncEngine

/// Figure 4: the dashboard's reads against a large store — queue counts, the first page of each queue, and one
/// order's timeline — with `orders` units and `auditRows` audit rows inserted as records through the store's own
/// methods, so a schema change reaches the bench through the compiler.
enum StoreScaleBench {
    /// Page size the dashboard asks for.
    static let pageSize = 100

    struct Built: Sendable {
        var directory: URL
        var store: BridgeStore
        var integrationID: Int64
    }

    /// Bytes a store of this size needs, generously (rows, indexes, WAL).
    static func bytesNeeded(orders: Int, auditRows: Int) -> Int64 {
        Int64(orders) * 2_600 + Int64(auditRows) * 260 + 256 * 1024 * 1024
    }

    static func freeBytes(at url: URL) -> Int64 {
        var info = statvfs()
        guard statvfs(url.path, &info) == 0 else { return -1 }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Generates the store; nil (with the reason reported) when the disk is too small.
    static func build(orders: Int, auditRows: Int, baseDirectory: URL) throws -> Built? {
        let free = freeBytes(at: baseDirectory)
        let needed = bytesNeeded(orders: orders, auditRows: auditRows)
        Report.note("store scale: \(orders) orders, \(auditRows) audit rows; \(free / 1_048_576) MiB free, about \(needed / 1_048_576) MiB needed")
        guard free >= needed else {
            Report.figure(
                "store.disk_check",
                Double(free) / 1_048_576,
                "MiB free",
                [
                    ("neededMiB", .int(Int(needed / 1_048_576))), ("orders", .int(orders)), ("auditRows", .int(auditRows)),
                    ("result", "not enough free disk: store scale and TUI figures skipped"),
                ]
            )
            return nil
        }
        let directory = baseDirectory.appendingPathComponent("cin7bridge-bench-store-\(UUID().uuidString)")
        let store = try SQLiteStore(directory: directory)
        var config = IntegrationConfig(name: "Scale")
        config.orderCreation.defaultWarehouse = .init(id: "wh-1", name: "Sydney DC")
        let integrationID = try store.saveIntegration(config, actor: "bench")
        let started = now()
        let batch = 100_000
        var unitIDs: [Int64] = []
        unitIDs.reserveCapacity(orders)
        var done = 0
        while done < orders {
            let count = min(batch, orders - done)
            let units = (done + 1...done + count).map { unit($0, integrationID: integrationID) }
            unitIDs += try store.insertUnits(units).compactMap(\.id)
            done += count
        }
        let unitsSeconds = now() - started
        // Audit rows spread over the orders in time order (one order's entries interleaved with everyone else's),
        // the way a running engine writes them.
        done = 0
        let auditStarted = now()
        while done < auditRows {
            let count = min(batch * 2, auditRows - done)
            try store.appendAudit((done..<done + count).map { auditEntry($0, integrationID: integrationID, unitID: unitIDs[$0 % orders]) })
            done += count
        }
        let auditSeconds = now() - auditStarted
        let size = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int64) ?? -1
        Report.note("store built in \(String(format: "%.1f", unitsSeconds)) s + \(String(format: "%.1f", auditSeconds)) s, \(size / 1_048_576) MiB")
        return Built(directory: directory, store: store, integrationID: integrationID)
    }

    /// 2026-01-01: order `x` is created `20·x` s after it and audit row `x` written `2·x` s after it.
    static let base = Date(timeIntervalSince1970: 1_767_225_600)

    /// A realistic mix: most orders completed, a few in every other queue.
    static func state(ofOrder x: Int) -> ShipmentState {
        switch x % 1000 {
        case ..<930: .completed
        case ..<960: .inWarehouse
        case ..<965: .pending
        case ..<967: .creating
        case ..<972: .dispatched
        case ..<974: .writingBack
        case ..<979: .retrying
        case ..<984: .needsAttention
        case ..<998: .skipped
        default: .cancelled
        }
    }

    /// Order `x`, routed to Sydney DC, dispatched with tracking and written back, changed an hour after it was created.
    static func unit(_ x: Int, integrationID: Int64) -> ShipmentUnit {
        let created = base.addingTimeInterval(Double(x) * 20)
        var unit = ShipmentUnit(
            integrationID: integrationID,
            saleID: uuid(x, x),
            taskIDs: [uuid(x, x + 7)],
            orderNumber: "SO-\(x)",
            reference: "SO-\(x)",
            customerName: "Customer \(x % 5000)",
            cin7Location: "Main Warehouse",
            warehouse: "Sydney DC",
            state: state(ofOrder: x),
            now: created
        )
        var address = WarehouseOrderRequest.Address()
        address.companyName = "Harbour Outdoor Ltd"
        address.contactName = "Receiving"
        address.address1 = "\(x) Dock Rd"
        address.city = "Geelong"
        address.stateCode = "VIC"
        address.postcode = "3220"
        address.countryCode = "AU"
        let order = WarehouseOrderRequest(
            reference: "SO-\(x)",
            warehouse: .init(id: "wh-1", name: "Sydney DC"),
            address: address,
            instructions: "Deliver to dock 2",
            requiredDate: CalendarDate(year: 2026, month: 12, day: 24),
            customerReference: nil,
            cin7OrderNumber: "SO-\(x)",
            lines: [.init(sku: "TENT-2P", name: "Tent 2P", quantity: 2), .init(sku: "BAG-35L", name: "Bag 35L", quantity: 1)]
        )
        let shipment = WarehouseShipment(carrier: "Australia Post", trackingNumber: "TRK\(x)", trackingURL: "https://track.example/TRK\(x)")
        unit.warehouseOrderID = "cc-\(x)"
        unit.warehouseStatus = "DISPATCHED"
        unit.saleUpdated = created
        unit.saleFingerprint = "fp\(x)"
        unit.orderRequest = order
        unit.shipment = shipment
        unit.trackingSent = "Australia Post TRK\(x)"
        unit.writebackDone = 7
        unit.updatedAt = created.addingTimeInterval(3600)
        unit.stateChangedAt = unit.updatedAt
        return unit
    }

    /// Audit row `x`: every third a state change, the others a Cin7 call.
    static func auditEntry(_ x: Int, integrationID: Int64, unitID: Int64) -> AuditEntry {
        let at = base.addingTimeInterval(Double(x) * 2)
        guard x % 3 != 0 else {
            return AuditEntry(
                integrationID: integrationID,
                unitID: unitID,
                at: at,
                kind: .state,
                message: "Routed SO-\(x) from Main Warehouse to Sydney DC as SO-\(x)",
                actor: "engine"
            )
        }
        return AuditEntry(
            integrationID: integrationID,
            unitID: unitID,
            at: at,
            kind: .call,
            message: "Cin7 POST sale/fulfilment/pick → 200 ok",
            method: "POST",
            path: "sale/fulfilment/pick",
            status: 200,
            duration: 0.12,
            actor: "engine"
        )
    }

    /// A Cin7-style id made of two numbers, `0000000a-0000-4000-8000-00000000000b`.
    static func uuid(_ a: Int, _ b: Int) -> String {
        func hex(_ value: Int, _ width: Int) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(hex(a, 8))-0000-4000-8000-\(hex(b, 12))"
    }

    static func measure(_ built: Built, orders: Int, auditRows: Int, iterations: Int) throws {
        let store = built.store
        let id = built.integrationID
        var counts: [Double] = []
        var pages: [Double] = []
        var timelines: [Double] = []
        var perQueue: [Queue: [Double]] = [:]
        var timelineLength = 0
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<iterations {
            var t = now()
            _ = try store.queueCounts(integrationID: id)
            counts.append((now() - t) * 1000)
            t = now()
            for queue in Queue.allCases {
                let q = now()
                _ = try store.units(integrationID: id, queue: queue, offset: 0, limit: pageSize)
                perQueue[queue, default: []].append((now() - q) * 1000)
            }
            pages.append((now() - t) * 1000)
            let unit = Int64.random(in: 1...Int64(orders), using: &generator)
            t = now()
            timelineLength = try store.timeline(unitID: unit).count
            timelines.append((now() - t) * 1000)
        }
        let slowest = perQueue.max { percentile($0.value, 99) < percentile($1.value, 99) }
        let common: [(String, JSONValue)] = [
            ("orders", .int(orders)), ("auditRows", .int(auditRows)), ("iterations", .int(iterations)), ("target", .double(50)),
        ]
        for (name, sample, extra) in [
            ("store.queue_counts", counts, [(String, JSONValue)]()),
            (
                "store.first_page_all_queues", pages,
                [
                    ("queues", .int(Queue.allCases.count)), ("pageSize", .int(pageSize)),
                    ("slowestQueue", .string(slowest?.key.rawValue ?? "")),
                    ("slowestQueueP99", .double(slowest.map { percentile($0.value, 99) } ?? .nan)),
                ]
            ),
            ("store.timeline", timelines, [("entriesPerTimeline", .int(timelineLength))]),
        ] {
            Report.figure(name + ".p50", percentile(sample, 50), "ms", common + extra)
            Report.figure(name + ".p99", percentile(sample, 99), "ms", common + extra)
        }
    }
}
