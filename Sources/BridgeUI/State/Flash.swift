/// A one-line message at the bottom of the screen.
public struct Flash: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case info, ok, warning, error }
    public var text: String
    public var level: Level
    public var expiresAtTick: Int

    public init(_ text: String, level: Level = .info, expiresAtTick: Int) {
        self.text = text
        self.level = level
        self.expiresAtTick = expiresAtTick
    }
}
