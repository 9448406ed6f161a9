import Foundation
import SyncEngine
import Testing

/// The export file as a person reads and moves it.
@Suite struct ConfigDocumentTests {
    func valid() -> IntegrationConfig { ConfigTests().valid() }

    @Test func goLiveIsWrittenPlainlyAndTheEarlierFormIsStillRead() throws {
        var config = valid()
        config.orderCreation.goLive = .fromDate(Date(timeIntervalSince1970: 1_790_000_000))
        let text = String(decoding: try ConfigDocument(integrations: [config], includeSecrets: true).encoded(), as: UTF8.self)
        #expect(text.contains("\"fromDate\" : \""), "\(text)")
        #expect(!text.contains("_0"))
        let earlier = text.replacingOccurrences(of: #"("fromDate" : )("[^"]+")"#, with: "$1{ \"_0\" : $2 }", options: .regularExpression)
        #expect(earlier.contains("\"_0\""))
        let read = try ConfigDocument.decode(Data(earlier.utf8)).integrations[0].orderCreation.goLive
        #expect(read == config.orderCreation.goLive)
        #expect(try ConfigDocument.decode(Data(text.utf8)).integrations[0].orderCreation.goLive == config.orderCreation.goLive)
    }

    /// Each platform's kind and settings go through export and import; secrets are blanked without
    /// `--include-secrets` and kept from the stored integration on import; an unknown kind is named.
    @Test(arguments: WarehousePlatform.allCases)
    func everyPlatformRoundTripsAndKeepsItsSecrets(platform: WarehousePlatform) throws {
        var config = valid()
        config.warehouse = .init(
            kind: platform,
            tenantID: "t",
            clientID: "c",
            clientSecret: "cc-secret",
            customerID: "cu",
            apiKey: "platform-key",
            apiSecret: "platform-secret",
            storeID: platform == .shipStation ? "12345" : "",
            productionTier: platform == .starshipit
        )
        config.fulfilment.writebackOn = .manifested
        #expect(ConfigValidator.problems(in: config).isEmpty, "\(ConfigValidator.problems(in: config))")
        let full = try ConfigDocument.decode(try ConfigDocument(integrations: [config], includeSecrets: true).encoded())
        #expect(full.integrations[0].warehouse == config.warehouse && full.integrations[0].fulfilment == config.fulfilment)

        let store = try SQLiteStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)"))
        try store.saveIntegration(config, actor: "test")
        let blank = try ConfigDocument(integrations: [config], includeSecrets: false).encoded()
        let text = String(decoding: blank, as: UTF8.self)
        for secret in ["cc-secret", "platform-key", "platform-secret"] { #expect(!text.contains(secret)) }
        #expect(text.contains("\"kind\" : \"\(platform.rawValue)\""))
        try ConfigDocument.decode(blank).apply(to: store, actor: "test")
        let kept = try #require(try store.integration(named: config.name)?.decodedConfig())
        #expect(kept.warehouse == config.warehouse)

        let unknown = text.replacingOccurrences(of: "\"kind\" : \"\(platform.rawValue)\"", with: "\"kind\" : \"shopify\"")
        #expect(throws: (any Error).self) { try ConfigDocument.decode(Data(unknown.utf8)) }
    }

    @Test func importingAnExportWithoutSecretsOnAMachineWithoutThemSaysSo() throws {
        let store = try SQLiteStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)"))
        let data = try ConfigDocument(integrations: [valid()], includeSecrets: false).encoded()
        do {
            try ConfigDocument.decode(data).apply(to: store, actor: "test")
            Issue.record("imported an integration with no secrets")
        } catch let error as ConfigDocument.ImportError {
            #expect(
                error.description.contains("\"Acme\" was exported without its secrets and this machine has no integration of that name"),
                "\(error)"
            )
            #expect(error.description.contains("--include-secrets"))
            #expect(!error.description.contains("must be the Application Key"), "one message, not the validator's as well: \(error)")
        }
        #expect(try store.integrations().isEmpty)
    }
}

/// The wizard and `config import` refuse the same things, field by field.
@Suite struct ConfigValidatorTests {
    @Test func aCin7AddressWithoutTheAPIPathIsCalledWrongBeforeAnyCall() {
        var config = ConfigTests().valid()
        config.cin7.baseURL = "https://inventory.dearsystems.com/"
        let problems = ConfigValidator.problems(in: config)
        #expect(
            problems.map(\.description) == [
                "cin7.baseURL: looks wrong: it should end with /ExternalApi/v2/ (normally https://inventory.dearsystems.com/ExternalApi/v2/)"
            ]
        )
        config.cin7.baseURL = "http://127.0.0.1:4000/externalapi/v2"
        #expect(ConfigValidator.problems(in: config).isEmpty)
    }
}
