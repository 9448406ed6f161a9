import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends to a file (never the terminal, which curses owns) and rotates it by size:
/// `cin7bridge.log` → `cin7bridge.log.1` … `.N`. The file is created 0600 (0660 in a group-shared data directory).
public struct RotatingFileLogHandler: LogHandler {
    final class Sink: Sendable {
        let path: String
        let maxBytes: Int
        let keep: Int
        let fileMode: Int
        private let handle = Mutex<FileHandle?>(nil)

        init(path: String, maxBytes: Int, keep: Int, fileMode: Int) {
            self.path = path
            self.maxBytes = maxBytes
            self.keep = keep
            self.fileMode = fileMode
        }

        func write(_ line: String) {
            handle.withLock { handle in
                if handle == nil { handle = Self.open(path, mode: fileMode) }
                guard let current = handle else { return }
                current.write(Data(line.utf8))
                if let size = try? current.offset(), size > UInt64(maxBytes) {
                    try? current.close()
                    handle = nil
                    rotate()
                }
            }
        }

        private func rotate() {
            let fm = FileManager.default
            try? fm.removeItem(atPath: "\(path).\(keep)")
            if keep > 1 {
                for index in stride(from: keep - 1, through: 1, by: -1) {
                    try? fm.moveItem(atPath: "\(path).\(index)", toPath: "\(path).\(index + 1)")
                }
            }
            try? fm.moveItem(atPath: path, toPath: "\(path).1")
        }

        static func open(_ path: String, mode: Int) -> FileHandle? {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: mode])
            }
            let handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
            return handle
        }
    }

    /// How each line is written: text for people, or one JSON object per line for log shippers.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    private let sink: Sink
    private let label: String
    private var format: Format = .text
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    /// Logs go to `path`, rotated when larger than `maxBytes`, keeping `keep` old files.
    public init(label: String, path: String, maxBytes: Int = 5 << 20, keep: Int = 3, fileMode: Int = 0o600) {
        self.label = label
        self.sink = Sink(path: path, maxBytes: maxBytes, keep: keep, fileMode: fileMode)
    }

    /// A factory for `LoggingSystem.bootstrap` that shares one file between all loggers.
    public static func factory(
        path: String,
        level: Logger.Level = .info,
        format: Format = .text,
        maxBytes: Int = 5 << 20,
        keep: Int = 3,
        fileMode: Int = 0o600
    ) -> @Sendable (String) -> any LogHandler {
        let sink = Sink(path: path, maxBytes: maxBytes, keep: keep, fileMode: fileMode)
        return { label in
            var handler = RotatingFileLogHandler(label: label, sink: sink)
            handler.logLevel = level
            handler.format = format
            return handler
        }
    }

    private init(label: String, sink: Sink) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        switch format {
        case .text:
            let meta = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            sink.write("\(stamp) \(event.level) \(label): \(event.message)\(meta)\n")
        case .json:
            var object: [String: String] = ["time": stamp, "level": event.level.rawValue, "label": label, "message": "\(event.message)"]
            for (key, value) in merged where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            sink.write(String(decoding: data, as: UTF8.self) + "\n")
        }
    }
}
