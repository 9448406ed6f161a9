import Foundation
import SyncEngine
import TerminalUI

extension WizardState {
    /// Applies a key in the wizard: letters go to the focused text field first, except the wizard's own keys.
    mutating func reduce(_ key: Key, app: inout AppState) -> [AppEffect] {
        if key == .ctrl("c") { return app.requestQuit() }
        let intent = KeyMaps.wizard.action(for: key)
        if focus.isText, intent == nil || intent == .cycleForward || intent == .cycleBack, var field = texts[focus] {
            if field.handle(key: key) {
                texts[focus] = field
                afterEdit(field: focus)
                return []
            }
        }
        guard let intent else {
            if key == .char("?") { app.overlay = .help(scroll: 0) }
            return []
        }
        let fields = self.fields(step: step)
        let index = fields.firstIndex(of: focus) ?? 0
        switch intent {
        case .nextField:
            focus = fields[min(fields.count - 1, index + 1)]
        case .prevField:
            focus = fields[max(0, index - 1)]
        case .activate:
            switch focus {
            case .testCin7:
                cin7Test = .running
                return [.testCin7(config)]
            case .testWarehouse:
                warehouseTest = .running
                return [.testWarehouse(config)]
            case .refreshPreview:
                preview = .loading
                return [.loadPreview(config)]
            default:
                if index == fields.count - 1 { return next(app: &app) }
                focus = fields[min(fields.count - 1, index + 1)]
            }
        case .cycleForward, .cycleBack:
            cycle(forward: intent == .cycleForward)
        case .nextStep:
            return next(app: &app)
        case .prevStep:
            if step > 0 {
                step -= 1
                focus = self.fields(step: step).first ?? .name
                if app.flash?.level == .error { app.flash = nil }
            }
        case .finish:
            return finish(app: &app)
        case .back:
            if hasChanges {
                app.overlay = .confirmDiscardWizard
                return []
            }
            app.closeWizard()
            return app.refreshEffects()
        case .help:
            app.overlay = .help(scroll: 0)
        default: break
        }
        return []
    }

    /// Keeps derived wizard data in step with edits.
    mutating func afterEdit(field: WizardField) {
        switch field {
        case .cin7Account, .cin7Key, .cin7BaseURL: cin7Test = .notRun
        case .warehouseBaseURL, .ccTenant, .ccClientID, .ccSecret, .ccCustomer, .platformKey, .platformSecret, .storeID: warehouseTest = .notRun
        case .warehouses:
            // Choices stay by position while the list is edited (clearing it to retype a name must not lose
            // them); one the list no longer has counts as none (`chosen`).
            recomputePreview()
        case .statuses, .goLiveDate: recomputePreview()
        default: break
        }
    }

    /// Space / ← / → on a choice or checkbox.
    mutating func cycle(forward: Bool) {
        let options = warehouseRefs.count + 1
        func next(_ v: Int, _ n: Int) -> Int { ((v + (forward ? 1 : -1)) % n + n) % n }
        switch focus {
        case .defaultWarehouse: defaultWarehouse = next(chosen(defaultWarehouse), options)
        case .mapping(let i):
            guard locations.indices.contains(i) else { return }
            let id = locations[i].id
            mappingChoice[id] = next(chosen(mappingChoice[id] ?? 0), options)
        case .platform:
            let all = WarehousePlatform.allCases
            choose(all[next(all.firstIndex(of: platform) ?? 0, all.count)])
        case .productionTier:
            productionTier.toggle()
            warehouseTest = .notRun
        case .writebackOn:
            let all = IntegrationConfig.Fulfilment.WritebackPoint.allCases
            writebackOn = all[next(all.firstIndex(of: writebackOn) ?? 0, all.count)]
        case .goLive: goLiveFromDate.toggle()
        case .perFulfilment: perFulfilment.toggle()
        case .contactAsCompany: contactAsCompany.toggle()
        case .completeOnDispatch: completeOnDispatch.toggle()
        case .sendTracking: sendTracking.toggle()
        case .instructions:
            let all = IntegrationConfig.InstructionSource.allCases
            let i = all.firstIndex(of: instructions) ?? 0
            instructions = all[next(i, all.count)]
        default: return
        }
        recomputePreview()
    }

    /// Re-decides the loaded sales with the draft options (pure, no API call).
    mutating func recomputePreview() {
        guard preview == .loaded else { return }
        let decided = SalePreview.decide(summaries, options: orderCreation, locations: locationIndex, limit: 12)
        previewRows = decided.rows
        goLiveCount = decided.goLiveCount
    }

    /// Takes the recent sales and Cin7's locations for the preview, and the warehouses names are checked against.
    mutating func previewLoaded(summaries: [SaleSummary], locations index: LocationIndex, warehouses: [IntegrationConfig.WarehouseRef]?) {
        preview = .loaded
        knownWarehouses = warehouses
        // A platform that can list its warehouses (ShipStation) or has one (a Starshipit account) fills an empty list.
        if platform != .cartonCloud, text(.warehouses).trimmingCharacters(in: .whitespaces).isEmpty, let warehouses, !warehouses.isEmpty {
            texts[.warehouses]?.text = warehouses.map(Self.format).joined(separator: ", ")
        }
        self.summaries = summaries
        locationIndex = index
        let known = Dictionary(uniqueKeysWithValues: locations.map { ($0.name.lowercased(), $0.id) })
        let top = index.topLevel
        // Mappings saved by name or an old id follow the location by name.
        for entry in top where mappingChoice[entry.id] == nil {
            if let oldID = known[entry.name.lowercased()], let choice = mappingChoice[oldID] { mappingChoice[entry.id] = choice }
        }
        locations = top
        recomputePreview()
    }

    /// The next step once this one is complete; on the last step, finish.
    mutating func next(app: inout AppState) -> [AppEffect] {
        let problems = self.problems(step: step)
        guard problems.isEmpty else {
            showProblems.insert(step)
            if let first = problems.first?.field { focus = first }
            app.flash("Step \(step + 1) is not complete: \(problems[0].message)", .error)
            return []
        }
        if step == Self.stepTitles.count - 1 { return finish(app: &app) }
        step += 1
        focus = fields(step: step).first ?? .name
        if app.flash?.level == .error { app.flash = nil }  // the previous step's complaint no longer applies
        if step == 2, preview == .notLoaded || { if case .failed = preview { true } else { false } }() {
            preview = .loading
            return [.loadPreview(config)]
        }
        return []
    }

    /// Saves when every step is complete, else shows the first step that is not.
    mutating func finish(app: inout AppState) -> [AppEffect] {
        for step in 0..<Self.stepTitles.count {
            let problems = self.problems(step: step)
            if !problems.isEmpty {
                showProblems.insert(step)
                self.step = step
                focus = problems.first?.field ?? fields(step: step).first ?? .name
                app.flash("Cannot finish: step \(step + 1) — \(problems[0].message)", .error)
                return []
            }
        }
        guard !saving else { return [] }
        saving = true
        return [.save(config, id: editingID)]
    }
}
