/// What the UI loop hands to the update function.
public enum LoopEvent: Hashable, Sendable {
    /// A key (``Key/resize`` when the terminal changed size: re-render from the new size).
    case key(Key)
    /// The read timed out: drain engine snapshots, advance spinners, refresh "12s ago" texts.
    case tick
    /// SIGTERM/SIGHUP/SIGQUIT: stop cleanly (finish the call in flight, warn that syncing stops).
    case signal(TerminalSignal)
}

/// Whether the loop goes on.
public enum LoopControl: Hashable, Sendable {
    case `continue`, quit
}

/// A minimal Elm-style UI loop: read a key (or time out), update the state, render, draw.
///
/// ```swift
/// let terminal = try CursesTerminal()
/// defer { terminal.shutdown() }
/// let final = await runApp(terminal: terminal, initial: AppState(), tick: .milliseconds(200),
///     update: { state, event in
///         switch event {
///         case .key(let key): return state.handle(key)          // reduce; may start effects as Tasks
///         case .tick: state.absorb(engine.latestSnapshot()); return .continue
///         case .signal: state.stopRequested = true; return .quit
///         }
///     },
///     render: { state, size, caps in
///         TooSmallView(actual: size).isNeeded ? TooSmallView(actual: size).render(theme: caps.theme)
///                                            : Screens.render(state, size, caps.theme)
///     })
/// ```
/// Rendering is a pure function of the state and the size. The read timeout is the tick: there is no busy
/// loop. Between iterations the loop yields, so main-actor tasks (effects reporting back) get to run.
/// The caller owns the terminal and calls ``Terminal/shutdown()``.
/// - Returns: the final state.
@MainActor
public func runApp<State>(
    terminal: some Terminal,
    initial: State,
    tick: Duration = .milliseconds(200),
    update: (inout State, LoopEvent) -> LoopControl,
    render: (State, Size, TerminalCapabilities) -> ScreenBuffer
) async -> State {
    var state = initial
    terminal.draw(render(state, terminal.size, terminal.capabilities))
    while !Task.isCancelled {
        let event: LoopEvent
        if let key = terminal.readKey(timeout: tick) {
            event = .key(key)
        } else if let signal = terminal.takeSignal() {
            event = .signal(signal)
        } else {
            event = .tick
        }
        if update(&state, event) == .quit { break }
        terminal.draw(render(state, terminal.size, terminal.capabilities))
        await Task.yield()
    }
    return state
}
