import Foundation
import GRDB
import SyncEngine

/// Figure 4: the dashboard's reads against a large store — queue counts, the first page of each queue, and one
/// order's timeline — with `orders` units and `auditRows` audit rows generated in SQLite itself.
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
            Report.figure("store.disk_check", Double(free) / 1_048_576, "MiB free", [
                ("neededMiB", .int(Int(needed / 1_048_576))), ("orders", .int(orders)), ("auditRows", .int(auditRows)),
                ("result", "not enough free disk: store scale and TUI figures skipped"),
            ])
            return nil
        }
        let directory = baseDirectory.appendingPathComponent("cin7bridge-bench-store-\(UUID().uuidString)")
        let store = try BridgeStore(directory: directory)
        var config = IntegrationConfig(name: "Scale")
        config.orderCreation.defaultWarehouse = .init(id: "wh-1", name: "Sydney DC")
        let integrationID = try store.saveIntegration(config, actor: "bench")
        let started = now()
        let batch = 100_000
        // A realistic mix: most orders completed, a few in every other queue.
        let stateCase = """
            CASE
              WHEN x % 1000 < 930 THEN 'completed'
              WHEN x % 1000 < 960 THEN 'in_warehouse'
              WHEN x % 1000 < 965 THEN 'pending'
              WHEN x % 1000 < 967 THEN 'creating'
              WHEN x % 1000 < 972 THEN 'dispatched'
              WHEN x % 1000 < 974 THEN 'writing_back'
              WHEN x % 1000 < 979 THEN 'retrying'
              WHEN x % 1000 < 984 THEN 'needs_attention'
              WHEN x % 1000 < 998 THEN 'skipped'
              ELSE 'cancelled' END
            """
        let orderJSON = #"{"reference":"SO-' || x || '","warehouse":{"id":"wh-1","name":"Sydney DC"},"lines":[{"sku":"TENT-2P","quantity":2},{"sku":"BAG-35L","quantity":1}],"deliver":{"company":"Harbour Outdoor Ltd","contact":"Receiving","address1":"' || x || ' Dock Rd","city":"Geelong","state":"VIC","postcode":"3220","country":"AU"},"instructions":"Deliver to dock 2","requiredDate":"2026-12-24"}"#
        let shipmentJSON = #"{"carrier":"Australia Post","trackingNumber":"TRK' || x || '","trackingURL":"https://track.example/TRK' || x || '"}"#
        let base = 1_767_225_600.0  // 2026-01-01: one order every 20 s from here
        var done = 0
        while done < orders {
            let count = min(batch, orders - done)
            let first = done + 1
            try store.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM c WHERE x < ?)
                    INSERT INTO shipment_unit (integrationID, saleID, fulfilmentNumber, taskID, orderNumber, reference, customerName,
                        cin7Location, warehouse, warehouseOrderID, warehouseStatus, state, reason, reasonCode, attempts, nextAttemptAt,
                        lastError, resumeState, saleUpdated, saleFingerprint, orderJSON, shipmentJSON, trackingSent, writebackDone,
                        writebackUncertain, createUncertain, trackingDirty, cin7Change, rejectedCount, createdAt, updatedAt, stateChangedAt)
                    SELECT ?, printf('%08x-0000-4000-8000-%012x', x, x), 0, printf('%08x-0000-4000-8000-%012x', x, x + 7),
                        'SO-' || x, 'SO-' || x, 'Customer ' || (x % 5000), 'Main Warehouse', 'Sydney DC', 'cc-' || x, 'DISPATCHED',
                        \(stateCase), NULL, NULL, 0, NULL, NULL, NULL,
                        strftime('%Y-%m-%d %H:%M:%f', ? + x * 20, 'unixepoch'), 'fp' || x, '\(orderJSON)', '\(shipmentJSON)',
                        'Australia Post TRK' || x, 7, 0, 0, 0, NULL, 0,
                        strftime('%Y-%m-%d %H:%M:%f', ? + x * 20, 'unixepoch'), strftime('%Y-%m-%d %H:%M:%f', ? + x * 20 + 3600, 'unixepoch'),
                        strftime('%Y-%m-%d %H:%M:%f', ? + x * 20 + 3600, 'unixepoch')
                    FROM c
                    """, arguments: [first, first + count - 1, integrationID, base, base, base, base])
            }
            done += count
        }
        let unitsSeconds = now() - started
        // Audit rows spread over the orders in time order (one order's entries interleaved with everyone else's),
        // the way a running engine writes them.
        done = 0
        let auditStarted = now()
        while done < auditRows {
            let count = min(batch * 2, auditRows - done)
            let first = done
            try store.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM c WHERE x < ?)
                    INSERT INTO audit (integrationID, unitID, at, kind, message, method, path, status, duration, actor)
                    SELECT ?, x % ? + 1, strftime('%Y-%m-%d %H:%M:%f', ? + x * 2, 'unixepoch'),
                        CASE WHEN x % 3 = 0 THEN 'state' ELSE 'call' END,
                        CASE WHEN x % 3 = 0 THEN 'Routed SO-' || x || ' from Main Warehouse to Sydney DC as SO-' || x
                             ELSE 'Cin7 POST sale/fulfilment/pick → 200 ok' END,
                        CASE WHEN x % 3 = 0 THEN NULL ELSE 'POST' END, CASE WHEN x % 3 = 0 THEN NULL ELSE 'sale/fulfilment/pick' END,
                        CASE WHEN x % 3 = 0 THEN NULL ELSE 200 END, CASE WHEN x % 3 = 0 THEN NULL ELSE 0.12 END, 'engine'
                    FROM c
                    """, arguments: [first, first + count - 1, integrationID, orders, base])
            }
            done += count
        }
        let auditSeconds = now() - auditStarted
        let size = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int64) ?? -1
        Report.note("store built in \(String(format: "%.1f", unitsSeconds)) s + \(String(format: "%.1f", auditSeconds)) s, \(size / 1_048_576) MiB")
        return Built(directory: directory, store: store, integrationID: integrationID)
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
            ("store.first_page_all_queues", pages, [("queues", .int(Queue.allCases.count)), ("pageSize", .int(pageSize)),
                ("slowestQueue", .string(slowest?.key.rawValue ?? "")), ("slowestQueueP99", .double(slowest.map { percentile($0.value, 99) } ?? .nan))]),
            ("store.timeline", timelines, [("entriesPerTimeline", .int(timelineLength))]),
        ] {
            Report.figure(name + ".p50", percentile(sample, 50), "ms", common + extra)
            Report.figure(name + ".p99", percentile(sample, 99), "ms", common + extra)
        }
    }
}
