import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// The command line as an operator over SSH meets it: the data directory it finds, answers from the engine, and
/// errors that say what to do.
@Suite(.serialized)
struct OperatorCLITests {
    func cli(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let result = try CLITests.cli(arguments, environment: environment)
        return (result.status, result.text)
    }

    @Test func readOnlyCommandsNeverCreateADatabaseAndSayWhereTheyLooked() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-typo-\(UUID().uuidString)")
        for arguments in [["status"], ["status", "--check"], ["orders"], ["config", "export"], ["retry", "--all-failed", "--yes"]] {
            let result = try cli(arguments + ["--data-dir", missing.path])
            #expect(result.status == 66, "\(arguments): exit \(result.status) (66: no input): \(result.output)")
            #expect(
                result.output.contains("No Cin7Bridge database at \(missing.path)/cin7bridge.sqlite (the data directory from --data-dir)"),
                "\(result.output)"
            )
            #expect(!result.output.contains("Usage:"), "a runtime error prints no usage text: \(result.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))

        // The environment variable names the directory for every command, and the message says so.
        let viaVariable = try cli(["status"], environment: ["CIN7BRIDGE_DATA_DIR": missing.path])
        #expect(viaVariable.status == 66 && viaVariable.output.contains("(the data directory from CIN7BRIDGE_DATA_DIR)"), "\(viaVariable.output)")
    }

    @Test func statusCheckFailsWhenThereIsNothingToCheck() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try SQLiteStore(directory: directory)
        let plain = try cli(["status"], environment: ["CIN7BRIDGE_DATA_DIR": directory.path])
        #expect(plain.status == 0 && plain.output.contains("No integrations yet"), "\(plain.output)")
        let check = try cli(["status", "--check"], environment: ["CIN7BRIDGE_DATA_DIR": directory.path])
        #expect(check.status == 1 && check.output.contains("Nothing to check: no integration in"), "\(check.output)")
    }

    /// Each kind of runtime failure has its own exit status (sysexits), one sentence and no usage text.
    @Test func runtimeFailuresExitWithTheirOwnStatusAndOneSentence() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-exits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try SQLiteStore(directory: directory)
        let data = ["--data-dir", directory.path]
        let existing = directory.appendingPathComponent("taken.sqlite")
        try Data().write(to: existing)
        let invalid = directory.appendingPathComponent("invalid.json")
        try Data(#"{"format": 1, "integrations": [{"name": ""}]}"#.utf8).write(to: invalid)
        let cases: [(arguments: [String], status: Int32, says: String)] = [
            (["backup", existing.path], 73, "taken.sqlite exists; choose a new file name."),
            (["config", "import", directory.appendingPathComponent("nowhere.json").path], 66, "Cannot read"),
            (["config", "import", invalid.path], 65, "is not a cin7bridge configuration export"),
            (["retry", "NO-SUCH-ORDER"], 66, "No order NO-SUCH-ORDER."),
            (["retry", "X", "--integration", "Nobody"], 66, "No integration named \"Nobody\". Known: none."),
        ]
        for item in cases {
            let result = try cli(item.arguments + data)
            #expect(result.status == item.status, "\(item.arguments): exit \(result.status): \(result.output)")
            #expect(result.output.hasPrefix("Error: ") && result.output.contains(item.says), "\(item.arguments): \(result.output)")
            #expect(!result.output.contains("Usage:"), "a runtime error prints no usage text: \(result.output)")
            #expect(!result.output.contains(".."), "no doubled full stop: \(result.output)")
            #expect(result.output.split(separator: "\n").count == 1, "one line: \(result.output)")
        }
    }

    @Test func aMistypedCommandGetsASuggestion() throws {
        let result = try cli(["stauts"])
        #expect(result.status == 64)
        #expect(result.output.contains("unknown command \"stauts\". Did you mean \"status\"?"), "\(result.output)")
    }

    @Test func skipWaitsForTheEnginesAnswerAndExitsNonZeroWhenRefused() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let empty = try cli(["skip", ref.orderNumber, "--note", "  ", "--data-dir", bed.directory.path])
            #expect(empty.status == 64 && empty.output.contains("Say why with --note"), "\(empty.output)")

            let refused = try cli(["skip", ref.orderNumber, "--note", "customer cancelled", "--data-dir", bed.directory.path])
            #expect(refused.status == 1, "\(refused.output)")
            #expect(refused.output.contains("refused: Not possible now: cannot skip an order that is in warehouse."), "\(refused.output)")
            #expect(refused.output.contains("0 done, 1 refused, 0 without an answer."), "\(refused.output)")

            // Without an engine running the integration, the command stays queued and the exit status says so.
            await bed.shutdown(removeDirectory: false)
            let failing = try cli(["retry", ref.orderNumber, "--timeout", "1", "--data-dir", bed.directory.path])
            #expect(failing.status == 75, "\(failing.output)")
            let unanswered = try cli(["skip", ref.orderNumber, "--note", "x", "--timeout", "1", "--data-dir", bed.directory.path])
            #expect(unanswered.status == 75 && unanswered.output.contains("no engine has answered yet"), "\(unanswered.output)")
            let queued = try cli(["skip", ref.orderNumber, "--note", "x", "--no-wait", "--data-dir", bed.directory.path])
            #expect(queued.status == 0 && queued.output.contains("Queued skip of 1 order"), "\(queued.output)")
            try? FileManager.default.removeItem(at: bed.directory)
        }
    }

    @Test func retryAllFailedAsksUnlessToldYes() async throws {
        try await EngineBed.with { bed in
            let failing = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(failing, .needsAttention)
            let unasked = try cli(["retry", "--all-failed", "--data-dir", bed.directory.path])
            #expect(unasked.status == 64 && unasked.output.contains("Retry 1 order that need attention? Add --yes to confirm"), "\(unasked.output)")
            #expect(bed.unit(failing)?.state == .needsAttention)
            let confirmed = try cli(["retry", "--all-failed", "--yes", "--data-dir", bed.directory.path])
            #expect(confirmed.status == 0 && confirmed.output.contains("1 done, 0 refused, 0 without an answer."), "\(confirmed.output)")
        }
    }
}
