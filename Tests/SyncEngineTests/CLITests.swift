import BridgeSupport
import Foundation
import SyncEngine
import TestSupport
import Testing

/// The operator commands of the real `cin7bridge` binary against a data directory the test prepared: what each
/// queues or writes, and what each says when it cannot.
@Suite(.serialized)
struct CLITests {
    /// Runs the real binary (with `environment` added to this process's) and returns its status and everything it printed.
    static func cli(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        let binary = CrashTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build (scripts/test does)")
        return try Process.runToEnd(binary, arguments, environment: environment)
    }

    /// A data directory with the integration "Test" and three orders: SO-00001 and SO-00002 need attention,
    /// SO-00003 is completed.
    static func seeded() throws -> (directory: URL, store: BridgeStore, units: [ShipmentUnit]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-cli-\(UUID().uuidString)")
        let store = try SQLiteStore(directory: directory)
        var config = IntegrationConfig(name: "Test")
        config.cin7 = .init(
            accountID: UUID().uuidString.lowercased(),
            applicationKey: Secret(UUID().uuidString.lowercased()),
            baseURL: "http://127.0.0.1:1/ExternalApi/v2/"
        )
        config.warehouse = .init(
            baseURL: "http://127.0.0.1:1/",
            tenantID: "tenant",
            clientID: "client",
            clientSecret: Secret("secret"),
            customerID: "customer"
        )
        config.orderCreation.referencePrefix = "HB-"
        config.orderCreation.defaultWarehouse = .init(id: "wh-1", name: "Sydney DC")
        let integrationID = try store.saveIntegration(config, actor: "test")
        var units: [ShipmentUnit] = []
        for (index, state) in [ShipmentState.needsAttention, .needsAttention, .completed].enumerated() {
            let number = String(format: "SO-%05d", index + 1)
            var unit = ShipmentUnit(
                integrationID: integrationID,
                saleID: UUID().uuidString,
                orderNumber: number,
                reference: "HB-" + number,
                customerName: "Harbour Outdoor Ltd",
                cin7Location: "Main Warehouse",
                state: state,
                reason: state == .needsAttention ? "Unknown SKU" : nil,
                reasonCode: state == .needsAttention ? .unknownSKU : nil,
                now: Date()
            )
            unit = try store.insertUnit(unit)
            units.append(unit)
        }
        return (directory, store, units)
    }

    /// The documented install step works: each shell's completion script names the commands and their options.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsCoverEveryCommand(shell: String) throws {
        let output = try Self.cli(["--generate-completion-script", shell])
        #expect(output.status == 0, "\(output.text)")
        for word in ["simulate", "retry", "config", "shipstation-port", "log-format"] {
            #expect(output.text.contains(word), "\(shell) completion lacks \(word)")
        }
    }

    @Test func skipQueuesTheSkipWithItsNoteAndRefusesUnknownOrders() throws {
        let (directory, store, units) = try Self.seeded()
        defer { try? FileManager.default.removeItem(at: directory) }
        // No engine runs here: --no-wait queues and returns (waiting is covered by OperatorCLITests).
        let done = try Self.cli(["skip", "SO-00001", "--note", "cancelled by phone", "--no-wait", "--data-dir", directory.path])
        #expect(done.status == 0, "\(done.text)")
        #expect(done.text == "Queued skip of 1 order; the engine running the integration carries it out.\n")
        let queued = try store.pendingCommands(integrationID: units[0].integrationID)
        #expect(queued.map(\.kind) == [.skip])
        #expect(queued.first?.unitID == units[0].id)
        #expect(queued.first?.argument == "cancelled by phone")

        let unknown = try Self.cli(["skip", "SO-09999", "--note", "x", "--data-dir", directory.path])
        #expect(unknown.status != 0)
        #expect(unknown.text.contains("No order SO-09999"), "\(unknown.text)")
        let noNote = try Self.cli(["skip", "SO-00002", "--data-dir", directory.path])
        #expect(noNote.status != 0)
        #expect(noNote.text.contains("--note"), "\(noNote.text)")
        #expect(try store.pendingCommands(integrationID: units[0].integrationID).count == 1, "a refused skip must queue nothing")
    }

    @Test func retryAllFailedQueuesExactlyTheOrdersThatNeedAttention() throws {
        let (directory, store, units) = try Self.seeded()
        defer { try? FileManager.default.removeItem(at: directory) }
        let unconfirmed = try Self.cli(["retry", "--all-failed", "--no-wait", "--data-dir", directory.path])
        #expect(unconfirmed.status == 64 && unconfirmed.text.contains("Retry 2 orders that need attention? Add --yes"), "\(unconfirmed.text)")
        #expect(try store.pendingCommands(integrationID: units[0].integrationID).isEmpty)
        let done = try Self.cli(["retry", "--all-failed", "--yes", "--no-wait", "--data-dir", directory.path])
        #expect(done.status == 0, "\(done.text)")
        #expect(done.text == "Queued retry of 2 orders; the engine running the integration carries it out.\n")
        let queued = try store.pendingCommands(integrationID: units[0].integrationID)
        #expect(queued.map(\.kind) == [.retry, .retry])
        #expect(Set(queued.compactMap(\.unitID)) == Set([units[0].id, units[1].id].compactMap { $0 }))

        let nothing = try Self.cli(["retry", "--data-dir", directory.path])
        #expect(nothing.status != 0)
        #expect(nothing.text.contains("Name the orders to retry, or use --all-failed."), "\(nothing.text)")
    }

    @Test func backupWritesAnOpenableCopyAndNeverOverwrites() throws {
        let (directory, _, units) = try Self.seeded()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-cli-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copyDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copyDirectory) }
        let file = copyDirectory.appendingPathComponent(SQLiteStore.fileName).path
        let done = try Self.cli(["backup", file, "--data-dir", directory.path])
        #expect(done.status == 0, "\(done.text)")
        #expect(done.text == "Backed up to \(file)\n")
        let copy = try SQLiteStore(directory: copyDirectory)
        #expect(try copy.integrations().map(\.name) == ["Test"])
        #expect(try copy.units(state: nil, integrationID: nil).map(\.orderNumber).sorted() == units.map(\.orderNumber))

        let again = try Self.cli(["backup", file, "--data-dir", directory.path])
        #expect(again.status != 0)
        #expect(again.text.contains("exists; choose a new file name"), "\(again.text)")
    }

    @Test func configImportCreatesTheExportedIntegrationAndRefusesAnUnreadableFile() throws {
        let (directory, store, _) = try Self.seeded()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("export.json").path
        let exported = try Self.cli(["config", "export", "--include-secrets", "-o", file, "--data-dir", directory.path])
        #expect(exported.status == 0, "\(exported.text)")
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-cli-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: target) }
        let imported = try Self.cli(["config", "import", file, "--data-dir", target.path])
        #expect(imported.status == 0, "\(imported.text)")
        #expect(imported.text == "Imported: Test\n")
        let targetStore = try SQLiteStore(directory: target)
        let original = try #require(try store.integration(named: "Test")?.decodedConfig())
        let copy = try #require(try targetStore.integration(named: "Test")?.decodedConfig())
        #expect(copy.orderCreation.referencePrefix == "HB-")
        #expect(copy.cin7.applicationKey == original.cin7.applicationKey)

        let garbage = directory.appendingPathComponent("garbage.json").path
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: garbage))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-cli-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: empty) }
        let refused = try Self.cli(["config", "import", garbage, "--data-dir", empty.path])
        #expect(refused.status != 0)
        #expect(!refused.text.isEmpty && !refused.text.contains("Imported"), "\(refused.text)")
        #expect(try SQLiteStore(directory: empty).integrations().isEmpty, "a refused import must write nothing")
    }
}
