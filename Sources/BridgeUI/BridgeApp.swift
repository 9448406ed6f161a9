import Foundation
import SyncEngine
import TerminalUI

/// Runs the UI on `terminal` until the user quits or a signal arrives; returns the final state.
/// The caller owns the terminal (and restores it) and stops the engine afterwards.
@MainActor
public func runBridgeApp(terminal: some Terminal, runtime: BridgeRuntime, env: AppEnvironment) async -> AppState {
    var initial = AppState(env: env)
    runtime.perform([.loadHome], actor: env.actor)
    for action in runtime.drain() { _ = reduce(&initial, action) }
    if initial.home.rows.count == 1, let only = initial.home.rows.first {
        // One integration (the demo's, or a single-site install): open its dashboard straight away.
        openDashboard(&initial, id: only.integrationID, name: only.name)
        runtime.perform(refreshEffects(initial), actor: env.actor)
        for action in runtime.drain() { _ = reduce(&initial, action) }
    }
    return await runApp(terminal: terminal, initial: initial, tick: .milliseconds(200), update: { state, event in
        state.viewport = terminal.size
        var effects: [AppEffect]
        switch event {
        case .key(let key): effects = reduce(&state, .key(key))
        case .tick:
            effects = reduce(&state, .tick(Date()))
            if runtime.takeEngineDirty(), effects.isEmpty { effects = refreshEffects(state) }
        case .signal(let signal): effects = reduce(&state, .signal(signal))
        }
        // Run effects and fold their results back in until nothing is left (async ones arrive on later ticks).
        var rounds = 0
        while !effects.isEmpty || rounds == 0 {
            runtime.perform(effects, actor: env.actor)
            effects = []
            for action in runtime.drain() { effects += reduce(&state, action) }
            rounds += 1
            if rounds > 8 { break }
        }
        return state.quitRequested ? .quit : .continue
    }, render: { state, size, caps in
        render(state, size: size, theme: caps.theme)
    })
}
