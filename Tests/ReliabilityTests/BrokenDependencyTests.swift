import BridgeSupport
import EngineTestSupport
import Foundation
import GRDB
import Simulators
import TestSupport
import Testing

@testable import SyncEngine

/// A small filesystem the test controls: a tmpfs mounted on a fresh directory (the sandbox runs as root with
/// CAP_SYS_ADMIN, so this is a real filesystem that can be filled). When mounting is not allowed
/// (CI without privileges) the tests fall back to forcing SQLite's own read-only / full errors on the engine's
/// writer connection, and say so.
final class ScratchFilesystem: Sendable {
    let mountPoint: URL

    init?(sizeKB: Int) {
        mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-fs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard ProcessInfo.processInfo.environment["CIN7BRIDGE_NO_MOUNT"] == nil,
            (try? runCommand("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(sizeKB)k,mode=0755", "tmpfs", mountPoint.path]))?.status == 0
        else {
            try? FileManager.default.removeItem(at: mountPoint)
            return nil
        }
    }

    var dataDirectory: URL { mountPoint.appendingPathComponent("data") }

    func unmount() {
        _ = try? runCommand("/usr/bin/umount", ["-l", mountPoint.path])
        try? FileManager.default.removeItem(at: mountPoint)
    }
}

@Suite(.serialized)
struct BrokenDependencyTests {
    /// Dispatches whatever reaches the warehouse until cancelled.
    static func dispatcher(_ bed: EngineBed) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                _ = bed.dispatchReady()
                try? await Task.sleep(nanoseconds: 100_000_000)
            }
        }
    }

    static func writer(_ store: SQLiteStore, _ sql: String) throws {
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    @Test func readOnlyDataDirectoryPausesWithWhatToDoAndResumes() async throws {
        // A read-only remount is refused by the kernel while the database is open for writing ("mount point is
        // busy"), and root ignores file modes, so the running engine's writer connection is made read-only instead
        // (SQLITE_READONLY, the error SQLite gives a store whose file or directory is not writable). This is the
        // only path; the output says so.
        try await EngineBed.with { bed in
            let dispatcher = Self.dispatcher(bed)
            let before = bed.sale()
            try await bed.wait("the first sale to complete") { bed.unit(before)?.state == .completed }

            try Self.writer(bed.sqliteStore, "PRAGMA query_only = 1")
            let during = bed.sale(lines: [SimLine(sku: "BAG-35L", quantity: 2)])
            try await bed.wait("the engine to pause", timeout: 30) { !bed.events.pausedReasons.isEmpty }
            let reason = try #require(bed.events.pausedReasons.first)
            #expect(reason.contains("read-only") && reason.contains("writable"), "pause message: \(reason)")
            try await Task.sleep(nanoseconds: 1_000_000_000)

            try Self.writer(bed.sqliteStore, "PRAGMA query_only = 0")
            try await bed.wait("the sale made while read-only to complete", timeout: 60) { bed.unit(during)?.state == .completed }
            try await bed.wait("the pause to clear") { bed.events.lastStatus?.pausedReason == nil }
            dispatcher.cancel()
            let lost = bed.lostOrders([before, during])
            print(
                "RELIABILITY read-only data directory (path: PRAGMA query_only on the engine's writer connection): paused with \"\(reason)\"; orders lost \(lost.count)"
            )
            #expect(lost.isEmpty, "\(lost)")
        }
    }

    @Test func fullDiskPausesWithWhatToDoAndResumes() async throws {
        let filesystem = ScratchFilesystem(sizeKB: 32_768)
        defer { filesystem?.unmount() }
        try await EngineBed.with(directory: filesystem?.dataDirectory) { bed in
            let dispatcher = Self.dispatcher(bed)
            let before = bed.sale()
            try await bed.wait("the first sale to complete") { bed.unit(before)?.state == .completed }

            let filler = filesystem?.mountPoint.appendingPathComponent("filler")
            if let filler {
                // Fill every free block.
                _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
                let handle = try FileHandle(forWritingTo: filler)
                let chunk = Data(count: 64 << 10)
                while (try? handle.write(contentsOf: chunk)) != nil {}
                try? handle.close()
            } else {
                try await bed.sqliteStore.pool.writeWithoutTransaction { db in
                    let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
                    try db.execute(sql: "PRAGMA max_page_count = \(pages)")
                }
            }
            var during: [SimSaleRef] = []
            try await bed.wait("the engine to pause", timeout: 60) {
                if bed.events.pausedReasons.isEmpty && during.count < 200 {
                    during.append(bed.sale(lines: [SimLine(sku: "BAG-35L", quantity: 2)], notes: String(repeating: "n", count: 2000)))
                }
                return !bed.events.pausedReasons.isEmpty
            }
            let reason = try #require(bed.events.pausedReasons.first)
            #expect(reason.contains("full") && reason.contains("Free some space"), "pause message: \(reason)")

            if let filler {
                try FileManager.default.removeItem(at: filler)
            } else {
                try Self.writer(bed.sqliteStore, "PRAGMA max_page_count = 1073741823")
            }
            try await bed.wait("the sales made while full to complete", timeout: 90) { during.allSatisfy { bed.unit($0)?.state == .completed } }
            try await bed.wait("the pause to clear") { bed.events.lastStatus?.pausedReason == nil }
            dispatcher.cancel()
            let lost = bed.lostOrders([before] + during)
            print(
                "RELIABILITY full disk (\(filesystem == nil ? "PRAGMA max_page_count" : "tmpfs filled")): paused with \"\(reason)\"; \(during.count + 1) orders, lost \(lost.count)"
            )
            #expect(lost.isEmpty, "\(lost)")
        }
    }

    @Test func databaseLockedByAnotherProcessPausesAndResumes() async throws {
        try await EngineBed.with { bed in
            let dispatcher = Self.dispatcher(bed)
            let before = bed.sale()
            try await bed.wait("the first sale to complete") { bed.unit(before)?.state == .completed }
            // Another process takes the write lock and holds it until told to let go (a line on its standard input), so
            // however slowly the engine runs, the lock outlasts its busy timeout (10 s).
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            holder.arguments = [
                "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.readline(); c.execute('ROLLBACK')",
                bed.store.path,
            ]
            let pipe = Pipe()
            let release = Pipe()
            holder.standardOutput = pipe
            holder.standardInput = release
            try holder.run()
            _ = pipe.fileHandleForReading.availableData
            let lockedAt = Date()
            let during = bed.sale(lines: [SimLine(sku: "STOVE-GAS", quantity: 2)])
            // The first write waits SQLite's busy timeout (10 s); the writes queued behind it wait only a moment each
            // (`SQLiteLockWait`), so the pause is said within about that, not after every queued write's timeout.
            try await bed.wait("the engine to pause", timeout: 60) { !bed.events.pausedReasons.isEmpty }
            let pausedAfter = Date().timeIntervalSince(lockedAt)
            let reason = try #require(bed.events.pausedReasons.first)
            #expect(reason.contains("locked by another process"), "pause message: \(reason)")
            let lockedFor = Date().timeIntervalSince(lockedAt)
            release.fileHandleForWriting.write(Data("\n".utf8))
            #expect(holder.waitForExit() == 0, "the lock holder should let go when told")
            try await bed.wait("the sale made while locked to complete", timeout: 60) { bed.unit(during)?.state == .completed }
            try await bed.wait("the pause to clear") { bed.events.lastStatus?.pausedReason == nil }
            dispatcher.cancel()
            let lost = bed.lostOrders([before, during])
            print(
                "RELIABILITY database locked \(String(format: "%.0f", lockedFor)) s by another process: paused after \(String(format: "%.1f", pausedAfter)) s with \"\(reason)\"; orders lost \(lost.count)"
            )
            #expect(lost.isEmpty, "\(lost)")
        }
    }

    @Test func corruptDatabaseIsRefusedWithWhatToDo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-corrupt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A valid store, then its pages overwritten (header kept) and, separately, a file that is not a database at all.
        do { _ = try SQLiteStore(directory: directory) }
        let path = directory.appendingPathComponent(SQLiteStore.fileName).path
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var generator = SplitMix64(seed: 7)
        for index in 100..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: generator.next()) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var messages: [String] = []
        for attempt in 0..<2 {
            if attempt == 1 { try Data("this is not a database, just text that was written over it".utf8).write(to: URL(fileURLWithPath: path)) }
            do {
                let store = try SQLiteStore(directory: directory)
                _ = try store.integrations()
                Issue.record("a corrupt database opened")
            } catch let error as StoreError {
                #expect(error == .corrupt(path: path), "\(error)")
                messages.append(error.description)
                #expect(error.description.contains("damaged") && error.description.contains("backup"))
            }
        }
        // The CLI refuses the same way, with the message and a failure status, not a crash.
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/cin7bridge").path
        if FileManager.default.isExecutableFile(atPath: binary) {
            let result = try runCommand(binary, ["status", "--data-dir", directory.path])
            #expect(!result.signalled && result.status != 0, "exit \(result.status): \(result.output)")
            #expect(result.output.contains("damaged"), "\(result.output)")
            print(
                "RELIABILITY corrupt database: store refuses (\(messages.count) shapes); CLI exit \(result.status): \(result.output.split(separator: "\n").first ?? "")"
            )
        } else {
            // Under CI the binary is built before the tests (scripts/test); a missing one is a broken run, not a pass.
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record(
                    "the cin7bridge binary is missing at \(binary) under CI: the CLI half of this test did not run; build it first (swift build)"
                )
            }
            print("RELIABILITY corrupt database: store refuses (\(messages.count) shapes); CLI binary not built, CLI half NOT run (path: store only)")
        }
    }

    @Test func longOutageOfBothServicesLosesNothing() async throws {
        try await EngineBed.with { bed in
            let dispatcher = Self.dispatcher(bed)
            let before = bed.sale()
            try await bed.wait("the first sale to reach the warehouse") { bed.unit(before)?.state == .inWarehouse }
            // The warehouse goes down: the sale seen now cannot be created.
            await bed.cartonCloud.stop()
            let duringWarehouse = bed.sale(lines: [SimLine(sku: "BAG-35L", quantity: 2)])
            try await bed.wait("the sale to be retrying while the warehouse is down") { bed.unit(duringWarehouse)?.state == .retrying }
            // Cin7 goes down too.
            await bed.cin7.stop()
            try await Task.sleep(nanoseconds: 8_000_000_000)
            #expect(bed.unit(duringWarehouse).map { [.retrying, .pending, .creating].contains($0.state) } == true)
            let problems = bed.events.problems.count
            // Both come back on the same addresses.
            _ = try await bed.cin7.start(port: bed.cin7URL.port!)
            _ = try await bed.cartonCloud.start(port: bed.cartonCloudURL.port!)
            let after = bed.sale(lines: [SimLine(sku: "STOVE-GAS", quantity: 2)])
            try await bed.wait("every sale to complete after the outage", timeout: 60) {
                [before, duringWarehouse, after].allSatisfy { bed.unit($0)?.state == .completed }
            }
            dispatcher.cancel()
            let lost = bed.lostOrders([before, duringWarehouse, after])
            print("RELIABILITY outage of both services (8 s, ~\(problems) problems reported): orders lost \(lost.count)")
            #expect(lost.isEmpty, "\(lost)")
        }
    }

    @Test func clockJumpsForwardAndBackLoseNothing() async throws {
        let clock = JumpClock()
        try await EngineBed.with(clock: clock) { bed in
            let dispatcher = Self.dispatcher(bed)
            let first = bed.sale()
            try await bed.wait("the first sale to complete") { bed.unit(first)?.state == .completed }
            clock.jump(by: 86_400)
            let afterForward = bed.sale(lines: [SimLine(sku: "BAG-35L", quantity: 2)])
            // Watermarks follow Cin7's and the warehouse's clocks, so this machine's clock jumping cannot skip sales.
            try await bed.wait("a sale after the clock jumped a day forward to complete", timeout: 30) { bed.unit(afterForward)?.state == .completed }
            clock.jump(by: -2 * 86_400)
            let afterBack = bed.sale(lines: [SimLine(sku: "STOVE-GAS", quantity: 2)])
            // Schedules, retries and rate windows stamped "in the future" by the jump must not stall the integration.
            try await bed.wait(
                "a sale after the clock jumped two days back to complete (is \(String(describing: bed.unit(afterBack)?.state)) \(bed.unit(afterBack)?.reason ?? ""))",
                timeout: 30
            ) { bed.unit(afterBack)?.state == .completed }
            dispatcher.cancel()
            let lost = bed.lostOrders([first, afterForward, afterBack])
            print("RELIABILITY clock jumps (+1 day, -2 days): orders lost \(lost.count)")
            #expect(lost.isEmpty, "\(lost)")
        }
    }
}
