/// What the UI loop hands to the update function.
public enum LoopEvent: Hashable, Sendable {
    /// A key (``Key/resize`` when the terminal changed size: re-render from the new size).
    case key(Key)
    /// The tick interval passed: advance spinners, expire messages, refresh "12s ago" texts.
    case tick
    /// SIGTERM/SIGHUP/SIGQUIT: stop cleanly (finish the call in flight, warn that syncing stops).
    case signal(TerminalSignal)
    /// Between ticks, while background work is under way: take the results that arrived.
    case background
}

/// Whether the loop goes on.
public enum LoopControl: Hashable, Sendable {
    case `continue`, quit
}

/// How often the loop looks for background results while `backgroundWork` says some are due.
let backgroundPoll: Duration = .milliseconds(10)

/// A minimal Elm-style UI loop: read a key (or time out), update the state, render, draw.
///
/// ```swift
/// let terminal = try CursesTerminal()
/// defer { terminal.shutdown() }
/// let final = await runApp(terminal: terminal, initial: AppState(), tick: .milliseconds(200),
///     backgroundWork: { runtime.hasResults },
///     update: { state, event in
///         switch event {
///         case .key(let key): runtime.start(state.handle(key))   // reduce; effects run as tasks
///         case .tick: state.tick()
///         case .background: break
///         case .signal: state.stopRequested = true; return .quit
///         }
///         for message in runtime.results() { runtime.start(state.handle(message)) }
///         return .continue
///     },
///     render: { state, size, caps in
///         TooSmallView(actual: size).isNeeded ? TooSmallView(actual: size).render(theme: caps.theme)
///                                            : Screens.render(state, size, caps.theme)
///     })
/// ```
/// Rendering is a pure function of the state and the size. Ticks come every `tick`; between them the loop waits
/// for a key, or, while `backgroundWork()` is true (work started whose results are due), looks every 10 ms and
/// hands `.background` to the update. There is no busy loop. Between iterations the loop yields, so main-actor
/// tasks (effects reporting back) get to run. The caller owns the terminal and calls ``Terminal/shutdown()``.
/// - Returns: the final state.
@MainActor
public func runApp<State>(
    terminal: some Terminal,
    initial: State,
    tick: Duration = .milliseconds(200),
    backgroundWork: () -> Bool = { false },
    update: (inout State, LoopEvent) -> LoopControl,
    render: (State, Size, TerminalCapabilities) -> ScreenBuffer
) async -> State {
    var state = initial
    let clock = ContinuousClock()
    var nextTick = clock.now.advanced(by: tick)
    terminal.draw(render(state, terminal.size, terminal.capabilities))
    while !Task.isCancelled {
        let untilTick = max(.zero, clock.now.duration(to: nextTick))
        let wait = backgroundWork() ? min(untilTick, backgroundPoll) : untilTick
        let event: LoopEvent
        if let key = terminal.readKey(timeout: wait) {
            event = .key(key)
        } else if let signal = terminal.takeSignal() {
            event = .signal(signal)
        } else if wait < untilTick, clock.now < nextTick {
            event = .background
        } else {
            event = .tick
            nextTick = clock.now.advanced(by: tick)
        }
        if update(&state, event) == .quit { break }
        terminal.draw(render(state, terminal.size, terminal.capabilities))
        await Task.yield()
    }
    return state
}
