import Foundation
import SyncEngine
import TerminalUI

func handleWizardKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard var w = state.wizard else { state.screen = .home; return [] }
    if key == .ctrl("c") { return requestQuit(&state) }
    let intent = KeyMaps.wizard.action(for: key)
    // Typing goes to a focused text field first (except the wizard's own keys).
    if w.focus.isText, intent == nil || intent == .cycleForward || intent == .cycleBack, var field = w.texts[w.focus] {
        if field.handle(key: key) {
            w.texts[w.focus] = field
            afterEdit(&w, field: w.focus)
            state.wizard = w
            return []
        }
    }
    guard let intent else {
        if key == .char("?") { state.overlay = .help(scroll: 0) }
        return []
    }
    var effects: [AppEffect] = []
    let fields = w.fields(step: w.step)
    let index = fields.firstIndex(of: w.focus) ?? 0
    switch intent {
    case .nextField:
        w.focus = fields[min(fields.count - 1, index + 1)]
    case .prevField:
        w.focus = fields[max(0, index - 1)]
    case .activate:
        switch w.focus {
        case .testCin7:
            w.cin7Test = .running
            effects.append(.testCin7(w.config))
        case .testWarehouse:
            w.warehouseTest = .running
            effects.append(.testWarehouse(w.config))
        case .refreshPreview:
            w.preview = .loading
            effects.append(.loadPreview(w.config))
        default:
            if index == fields.count - 1 {
                state.wizard = w
                return wizardNext(&state)
            }
            w.focus = fields[min(fields.count - 1, index + 1)]
        }
    case .cycleForward, .cycleBack:
        cycle(&w, forward: intent == .cycleForward)
    case .nextStep:
        state.wizard = w
        return wizardNext(&state)
    case .prevStep:
        if w.step > 0 {
            w.step -= 1
            w.focus = w.fields(step: w.step).first ?? .name
            if state.flash?.level == .error { state.flash = nil }
        }
    case .finish:
        state.wizard = w
        return wizardFinish(&state)
    case .back:
        state.wizard = w
        if w.hasChanges {
            state.overlay = .confirmDiscardWizard
            return []
        }
        state.wizard = nil
        state.screen = state.wizardReturn
        return refreshEffects(state)
    case .help:
        state.overlay = .help(scroll: 0)
    default: break
    }
    state.wizard = w
    return effects
}

/// Keeps derived wizard data in step with edits.
func afterEdit(_ w: inout WizardState, field: WizardField) {
    switch field {
    case .cin7Account, .cin7Key, .cin7BaseURL: w.cin7Test = .notRun
    case .ccBaseURL, .ccTenant, .ccClientID, .ccSecret, .ccCustomer: w.warehouseTest = .notRun
    case .warehouses:
        // Choices stay by position while the list is edited (clearing it to retype a name must not lose them);
        // one the list no longer has counts as none (`WizardState.chosen`).
        recomputePreview(&w)
    case .statuses, .goLiveDate: recomputePreview(&w)
    default: break
    }
}

/// Space / ← / → on a choice or checkbox.
func cycle(_ w: inout WizardState, forward: Bool) {
    let options = w.warehouseRefs.count + 1
    func step(_ v: Int, _ n: Int) -> Int { ((v + (forward ? 1 : -1)) % n + n) % n }
    switch w.focus {
    case .defaultWarehouse: w.defaultWarehouse = step(w.chosen(w.defaultWarehouse), options)
    case .mapping(let i):
        guard w.locations.indices.contains(i) else { return }
        let id = w.locations[i].id
        w.mappingChoice[id] = step(w.chosen(w.mappingChoice[id] ?? 0), options)
    case .goLive: w.goLiveFromDate.toggle()
    case .perFulfilment: w.perFulfilment.toggle()
    case .contactAsCompany: w.contactAsCompany.toggle()
    case .completeOnDispatch: w.completeOnDispatch.toggle()
    case .sendTracking: w.sendTracking.toggle()
    case .instructions:
        let all = IntegrationConfig.InstructionSource.allCases
        let i = all.firstIndex(of: w.instructions) ?? 0
        w.instructions = all[step(i, all.count)]
    default: return
    }
    recomputePreview(&w)
}

/// Re-decides the loaded sales with the draft options (pure, no API call).
func recomputePreview(_ w: inout WizardState) {
    guard w.preview == .loaded else { return }
    let decided = SalePreview.decide(w.summaries, options: w.orderCreation, locations: w.locationIndex, limit: 12)
    w.previewRows = decided.rows
    w.goLiveCount = decided.goLiveCount
}

func wizardNext(_ state: inout AppState) -> [AppEffect] {
    guard var w = state.wizard else { return [] }
    let problems = w.problems(step: w.step)
    guard problems.isEmpty else {
        w.showProblems.insert(w.step)
        if let first = problems.first?.field { w.focus = first }
        state.wizard = w
        flash(&state, "Step \(w.step + 1) is not complete: \(problems[0].message)", .error)
        return []
    }
    if w.step == WizardState.stepTitles.count - 1 {
        state.wizard = w
        return wizardFinish(&state)
    }
    w.step += 1
    w.focus = w.fields(step: w.step).first ?? .name
    if state.flash?.level == .error { state.flash = nil }  // the previous step's complaint no longer applies
    var effects: [AppEffect] = []
    if w.step == 2, w.preview == .notLoaded || { if case .failed = w.preview { true } else { false } }() {
        w.preview = .loading
        effects.append(.loadPreview(w.config))
    }
    state.wizard = w
    return effects
}

func wizardFinish(_ state: inout AppState) -> [AppEffect] {
    guard var w = state.wizard else { return [] }
    for step in 0..<WizardState.stepTitles.count {
        let problems = w.problems(step: step)
        if !problems.isEmpty {
            w.showProblems.insert(step)
            w.step = step
            w.focus = problems.first?.field ?? w.fields(step: step).first ?? .name
            state.wizard = w
            flash(&state, "Cannot finish: step \(step + 1) — \(problems[0].message)", .error)
            return []
        }
    }
    guard !w.saving else { return [] }
    w.saving = true
    state.wizard = w
    return [.save(w.config, id: w.editingID)]
}
