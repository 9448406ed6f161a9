import Foundation
import SyncEngine
import TerminalUI

/// Runs the UI on `terminal` until the user quits or a signal arrives; returns the final state.
/// The caller owns the terminal (and restores it) and stops the engine afterwards.
@MainActor
public func runBridgeApp(terminal: some Terminal, runtime: BridgeRuntime, env: AppEnvironment) async -> AppState {
    var initial = AppState(env: env)
    runtime.perform([.loadHome], actor: env.actor)
    await settle(&initial, runtime: runtime)
    if initial.home.rows.count == 1, let only = initial.home.rows.first {
        // One integration (the demo's, or a single-site install): open its dashboard straight away.
        initial.openDashboard(id: only.integrationID, name: only.name)
        runtime.perform(initial.refreshEffects(), actor: env.actor)
        await settle(&initial, runtime: runtime)
    }
    return await runApp(
        terminal: terminal,
        initial: initial,
        tick: .milliseconds(200),
        backgroundWork: { runtime.hasBackgroundWork },
        update: { state, event in
            state.viewport = terminal.size
            let effects: [AppEffect] =
                switch event {
                case .key(let key): reduce(&state, .key(key))
                case .tick: reduce(&state, .tick(Date()))
                case .signal(let signal): reduce(&state, .signal(signal))
                case .background: []
                }
            runtime.perform(effects, actor: env.actor)
            absorb(&state, runtime: runtime)
            return state.quitRequested ? .quit : .continue
        },
        render: { state, size, caps in
            render(state, size: size, theme: caps.theme)
        }
    )
}

/// Folds in what has arrived (results, engine reports), running the effects they ask for; results of store reads
/// arrive on a later turn of the loop.
@MainActor
private func absorb(_ state: inout AppState, runtime: BridgeRuntime) {
    // Writes report at once, so a few rounds take a save through to the dashboard it opens.
    for _ in 0..<8 {
        let actions = runtime.drain()
        if actions.isEmpty { return }
        for action in actions { runtime.perform(reduce(&state, action), actor: state.env.actor) }
    }
}

/// Folds in results until the store reads under way have all reported (the first screen, before the loop).
@MainActor
private func settle(_ state: inout AppState, runtime: BridgeRuntime) async {
    for _ in 0..<8 {
        await runtime.settle()
        let actions = runtime.drain()
        if actions.isEmpty { return }
        for action in actions { runtime.perform(reduce(&state, action), actor: state.env.actor) }
    }
}
