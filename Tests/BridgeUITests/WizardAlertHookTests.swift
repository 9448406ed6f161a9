import Foundation
import SyncEngine
import TerminalUI
import Testing

@testable import BridgeUI

/// Step 4's optional alert hook field: typed, checked, carried into the configuration, masked.
@Suite struct WizardAlertHookTests {
    @Test func theFieldIsTheLastOfStepFourAndTypingIntoItSetsTheHook() throws {
        var s = Fixtures.wizardState(step: 3)
        #expect(s.wizard?.fields(step: 3).last == .alertHook)
        #expect(s.wizard?.config.alerts == nil)
        #expect(s.wizard?.texts[.alertHook]?.isMasked == true)
        while s.wizard?.focus != .alertHook { _ = reduce(&s, .key(.tab)) }
        for c in "http://hooks.example.com/x" { _ = reduce(&s, .key(.char(c))) }
        #expect(s.wizard?.config.alerts?.target == .post(url: "http://hooks.example.com/x"))
        #expect(s.wizard?.problems(step: 3).map(\.field) == [.alertHook])
        #expect(s.wizard?.problems(step: 3).contains { $0.message.contains("https://") } == true)
        s.screen.modifyWizard { $0.texts[.alertHook]?.text = "https://hooks.example.com/x?token=abc" }
        #expect(s.wizard?.problems(step: 3).isEmpty == true)
        let hint = alertHookHint(s.wizard?.config.alerts)
        #expect(hint.contains("POST https://hooks.example.com/…"))
        #expect(!hint.contains("token"))
    }

    @Test func anExistingHookShowsAndKeepsItsSettings() {
        var config = IntegrationConfig(name: "Acme")
        config.alerts = AlertHook(.command(path: "/bin/sh", arguments: ["-c", "true"]), timeout: 4, quietPeriod: 30)
        let w = WizardState(editing: 1, config: config, now: Date())
        #expect(w.text(.alertHook) == "/bin/sh -c true")
        #expect(w.config.alerts == config.alerts)
        #expect(!w.hasChanges)
    }
}
