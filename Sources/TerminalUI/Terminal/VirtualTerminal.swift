/// An in-memory ``Terminal`` for tests and benchmarks: a settable size, a scripted key queue, recorded frames.
///
/// ```swift
/// let term = VirtualTerminal(size: Size(width: 80, height: 24))
/// term.enqueue(.down, .char("r"))
/// // run the loop …
/// #expect(term.lastFrame?.plainText.contains("Retrying") == true)
/// ```
@MainActor
public final class VirtualTerminal: Terminal {
    public private(set) var size: Size
    public var capabilities: TerminalCapabilities
    /// Every frame drawn, oldest first (capped at ``maxFrames``).
    public private(set) var frames: [ScreenBuffer] = []
    /// How many frames to keep (benchmarks may set a small number).
    public var maxFrames: Int
    /// How many frames were drawn in total.
    public private(set) var drawCount = 0
    public private(set) var isShutDown = false
    private var events: [Event] = []

    private enum Event {
        case key(Key)
        case signal(TerminalSignal)
        case timeout
    }

    public init(
        size: Size = Size(width: 80, height: 24),
        capabilities: TerminalCapabilities = TerminalCapabilities(unicode: true, colorEnabled: true),
        maxFrames: Int = 1000
    ) {
        self.size = size
        self.capabilities = capabilities
        self.maxFrames = maxFrames
    }

    /// The last frame drawn.
    public var lastFrame: ScreenBuffer? { frames.last }

    /// Adds keys to the input queue.
    public func enqueue(_ keys: Key...) { events += keys.map { .key($0) } }

    /// Adds keys to the input queue.
    public func enqueue(keys: [Key]) { events += keys.map { .key($0) } }

    /// Types the characters of `text` as `.char` keys.
    public func type(_ text: String) { events += text.map { .key(.char($0)) } }

    /// Queues one timeout (an idle tick) between keys.
    public func enqueueTick() { events.append(.timeout) }

    /// Queues a signal; ``readKey(timeout:)`` returns `nil` and ``takeSignal()`` then returns it.
    public func enqueue(signal: TerminalSignal) { events.append(.signal(signal)) }

    /// Changes the size and queues a ``Key/resize``, as a real terminal would.
    public func resize(to newSize: Size) {
        size = newSize
        events.append(.key(.resize))
    }

    /// `true` when no scripted input is left.
    public var isInputExhausted: Bool { events.isEmpty }

    private var pendingSignal: TerminalSignal?

    public func draw(_ buffer: ScreenBuffer) {
        drawCount += 1
        frames.append(buffer)
        if frames.count > maxFrames { frames.removeFirst(frames.count - maxFrames) }
    }

    /// Returns the next scripted key at once; `nil` when the queue is empty, at a queued tick or signal.
    public func readKey(timeout: Duration) -> Key? {
        guard !events.isEmpty else { return nil }
        switch events.removeFirst() {
        case .key(let k): return k
        case .timeout: return nil
        case .signal(let s):
            pendingSignal = s
            return nil
        }
    }

    public func takeSignal() -> TerminalSignal? {
        defer { pendingSignal = nil }
        return pendingSignal
    }

    public func shutdown() { isShutDown = true }
}
