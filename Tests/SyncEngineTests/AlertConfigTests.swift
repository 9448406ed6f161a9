import BridgeSupport
import Foundation
import SyncEngine
import Testing

/// The alert hook as configuration: JSON, export/import, validation and the wizard's text.
@Suite struct AlertConfigTests {
    func valid() -> IntegrationConfig { ConfigTests().valid() }

    @Test func anOlderExportWithoutAlertsStillReads() throws {
        let document = String(decoding: try ConfigDocument(integrations: [valid()], includeSecrets: true).encoded(), as: UTF8.self)
        #expect(!document.contains("\"alerts\""))
        #expect(try ConfigDocument.decode(Data(document.utf8)).integrations[0].alerts == nil)
    }

    @Test func aHookReadsWithDefaultsAndRoundTrips() throws {
        let json = #"{"post": "https://hooks.example.com/T1/B2/abc"}"#
        let hook = try JSONDecoder().decode(AlertHook.self, from: Data(json.utf8))
        #expect(hook == AlertHook.post("https://hooks.example.com/T1/B2/abc"))
        #expect(hook.timeout == 10 && hook.retries == 3 && hook.quietPeriod == 300)
        let command = AlertHook(.command(path: "/usr/local/bin/page", arguments: ["--team", "dispatch"]), timeout: 5, retries: 1, quietPeriod: 60)
        let again = try JSONDecoder().decode(AlertHook.self, from: try JSONEncoder().encode(command))
        #expect(again == command)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AlertHook.self, from: Data(#"{"timeout": 3}"#.utf8)) }
    }

    /// The address is a secret: blank in an export without secrets, kept from the stored hook on import, and only its
    /// host is ever shown.
    @Test func theAddressIsTreatedAsASecret() throws {
        let store = try SQLiteStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)"))
        var config = valid()
        config.alerts = AlertHook(.post(url: "https://hooks.example.com/services/T0/B0/tok3n-SECRET"), quietPeriod: 120)
        try store.saveIntegration(config, actor: "test")
        let data = try ConfigDocument(integrations: [config], includeSecrets: false).encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("tok3n-SECRET"))
        #expect(text.contains("\"quietPeriod\" : 120"))
        try ConfigDocument.decode(data).apply(to: store, actor: "test")
        let stored = try #require(try store.integration(named: "Acme")?.decodedConfig())
        #expect(stored.alerts == config.alerts)
        #expect(config.alerts?.logDescription == "POST https://hooks.example.com/…")
        #expect(String(describing: config.alerts as Any).contains("tok3n-SECRET") == false)
        let full = String(decoding: try ConfigDocument(integrations: [config], includeSecrets: true).encoded(), as: UTF8.self)
        #expect(full.contains("tok3n-SECRET"))
    }

    @Test func validationNamesWhatIsWrong() {
        func fields(_ hook: AlertHook) -> [String] {
            var config = valid()
            config.alerts = hook
            return ConfigValidator.problems(in: config).map(\.field)
        }
        #expect(fields(.post("https://hooks.example.com/x")).isEmpty)
        #expect(fields(.post("http://127.0.0.1:9000/hook")).isEmpty)
        #expect(fields(.post("http://hooks.example.com/x")) == ["alerts.post"])
        #expect(fields(.post("not an address")) == ["alerts.post"])
        #expect(fields(.command("/bin/sh", ["-c", "true"])).isEmpty)
        #expect(fields(.command("page-warehouse")) == ["alerts.command"])
        #expect(fields(.command("/nonexistent/page-warehouse")) == ["alerts.command"])
        #expect(
            fields(AlertHook(.post(url: "https://h.example.com"), timeout: 0, retries: -1, quietPeriod: -5)).sorted() == [
                "alerts.quietPeriod", "alerts.retries", "alerts.timeout",
            ]
        )
    }

    @Test func theWizardTextIsAnAddressOrACommandLine() {
        #expect(AlertHook.parse("  ") == nil)
        #expect(AlertHook.parse("https://hooks.example.com/x")?.target == .post(url: "https://hooks.example.com/x"))
        let command = AlertHook.parse(#"/usr/local/bin/page --team "night shift""#)
        #expect(command?.target == .command(path: "/usr/local/bin/page", arguments: ["--team", "night shift"]))
        #expect(command?.fieldText == #"/usr/local/bin/page --team "night shift""#)
        let kept = AlertHook.parse("https://b.example.com", keeping: AlertHook(.post(url: "https://a.example.com"), timeout: 3, quietPeriod: 30))
        #expect(kept?.timeout == 3 && kept?.quietPeriod == 30)
    }
}
