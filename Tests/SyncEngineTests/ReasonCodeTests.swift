import CartonCloud
import Cin7Core
import Foundation
import Testing

@testable import SyncEngine

/// Reason codes are one type: each knows its advice and the operator actions that apply, and is stored as the same
/// text as before it was a type.
@Suite struct ReasonCodeTests {
    @Test func everyCodeHasAdviceAndActions() {
        for code in ReasonCode.known {
            #expect(!code.advice.isEmpty, "\(code)")
            #expect(!code.actions.isEmpty, "\(code)")
            #expect(code.actions.isSubset(of: [.retry, .skip, .reevaluate]), "\(code)")
        }
    }

    @Test func storedTextRoundTripsAndIsUnique() throws {
        #expect(Set(ReasonCode.known.map(\.rawValue)).count == ReasonCode.known.count)
        for code in ReasonCode.known {
            #expect(ReasonCode(rawValue: code.rawValue) == code)
            #expect(code.isRecognised)
            let json = try JSONEncoder().encode([code])
            #expect(String(decoding: json, as: UTF8.self) == "[\"\(code.rawValue)\"]")
            #expect(try JSONDecoder().decode([ReasonCode].self, from: json) == [code])
        }
        #expect(ReasonCode.operatorSkip.rawValue == "operator" && ReasonCode.orderNotPrepared.rawValue == "mapping")
    }

    @Test func unknownTextDecodesAndKeepsItsText() throws {
        let code = try JSONDecoder().decode(ReasonCode.self, from: Data("\"from_a_newer_version\"".utf8))
        #expect(code == .unrecognised("from_a_newer_version") && !code.isRecognised)
        #expect(code.rawValue == "from_a_newer_version")
        #expect(code.actions == [.retry, .skip])
        var unit = ShipmentUnit(
            integrationID: 1,
            saleID: "S",
            orderNumber: "SO-1",
            reference: "SO-1",
            customerName: "C",
            cin7Location: "Main",
            state: .skipped,
            reasonCode: code,
            now: Date()
        )
        #expect(unit.advice == ReasonCode.skippedAdvice)
        unit.state = .retrying
        #expect(unit.advice == ReasonCode.unclassified.advice)
        unit.state = .needsAttention
        #expect(unit.advice?.hasPrefix("Fix the cause named above") == true)
        unit.state = .completed
        #expect(unit.advice == nil)
    }

    @Test func theDatabaseKeepsTheSameTextAndReadsUnknownCodes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reasoncode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        var config = IntegrationConfig(name: "Codes")
        config.enabled = false
        let id = try store.saveIntegration(config, actor: "test")
        let unit = try store.insertUnit(
            ShipmentUnit(
                integrationID: id,
                saleID: "S1",
                orderNumber: "SO-1",
                reference: "SO-1",
                customerName: "C",
                cin7Location: "Main",
                state: .needsAttention,
                reasonCode: .cin7RejectedCredentials,
                now: Date()
            )
        )
        let stored = try store.read { db in try String.fetchOne(db, sql: "SELECT reasonCode FROM shipment_unit WHERE id = ?", arguments: [unit.id]) }
        #expect(stored == "cin7_rejected_credentials")
        try store.write { db in try db.execute(sql: "UPDATE shipment_unit SET reasonCode = 'retired_code' WHERE id = ?", arguments: [unit.id]) }
        #expect(try store.unit(id: try #require(unit.id))?.reasonCode == .unrecognised("retired_code"))
        #expect(try store.attentionReasons(integrationID: id).map(\.code) == [.unrecognised("retired_code")])
    }

    /// The codes of classified failures are the text they were stored as before (`cin7_`/`cartoncloud_` + outcome).
    @Test func failuresAreClassifiedIntoTheirStoredCodes() {
        let cin7: [Cin7Error] = [
            .throttled, .transient("t"), .notTheAPI(url: "u"), .credentialsRejected, .validation("v"), .notFound("n"), .malformed("m"),
            .insecureURL("i"),
        ]
        for error in cin7 {
            let code = Failure.classify(error).code
            #expect(code.isRecognised && code.rawValue == "cin7_" + error.outcome, "\(error)")
        }
        let cartonCloud: [CartonCloudError] = [
            .rateLimited, .transient("t"), .credentialsRejected, .forbidden(roles: [], message: ""), .notFound("n"), .validation([]),
            .deleteNotAllowed(status: "s"), .malformed("m"), .notTheAPI("n"), .invalidConfiguration("c"), .unexpectedStatus(409, ""),
        ]
        for error in cartonCloud {
            let code = Failure.classify(CartonCloudWarehouse.classify(error)).code
            #expect(code.isRecognised && code.rawValue == "cartoncloud_" + error.outcome, "\(error)")
        }
    }

    /// Issue 12: the detail matched "credentials"/"auth" while the codes are `cin7_rejected_credentials` and
    /// `cartoncloud_credentials`, so credential failures got the generic advice.
    @Test func credentialFailuresSendThePersonToTheWizard() {
        for text in ["cin7_rejected_credentials", "cartoncloud_credentials"] {
            let unit = ShipmentUnit(
                integrationID: 1,
                saleID: "S",
                orderNumber: "SO-1",
                reference: "SO-1",
                customerName: "C",
                cin7Location: "Main",
                state: .needsAttention,
                reasonCode: ReasonCode(rawValue: text),
                now: Date()
            )
            let advice = unit.advice ?? ""
            #expect(advice.contains("in the wizard") && advice != ReasonCode.unrecognised(text).advice, "\(text): \(advice)")
        }
        let classified = Failure.classify(Cin7Error.credentialsRejected)
        var unit = ShipmentUnit(
            integrationID: 1,
            saleID: "S",
            orderNumber: "SO-1",
            reference: "SO-1",
            customerName: "C",
            cin7Location: "Main",
            state: .pending,
            now: Date()
        )
        _ = unit.failed(classified, resume: .pending, schedule: .init(base: 1, cap: 1), jitter: 0, now: Date())
        #expect(unit.advice?.contains("Cin7 account ID and application key") == true)
    }

    @Test func reevaluationFollowsTheCodesThatAConfigurationChangeMayLift() {
        let lifted = Set(ReasonCode.known.filter(\.reevaluatedOnConfigurationChange).map(\.rawValue))
        #expect(lifted == ["unmapped_location", "status", "no_stock_lines", "before_go_live", "awaiting_fulfilment"])
    }
}
