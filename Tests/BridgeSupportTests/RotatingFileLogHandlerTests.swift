import BridgeSupport
import Foundation
import Logging
import Testing

@Suite struct RotatingFileLogHandlerTests {
    @Test func rotatesBySizeAndKeepsAFewFilesPrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("cin7bridge.log").path
        let factory = RotatingFileLogHandler.factory(path: path, maxBytes: 2_000, keep: 2)
        let logger = Logger(label: "test", factory: factory)
        for index in 0..<200 { logger.info("line \(index) with some padding to fill the file quickly", metadata: ["n": "\(index)"]) }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["cin7bridge.log", "cin7bridge.log.1", "cin7bridge.log.2"])
        let current = try String(contentsOfFile: path, encoding: .utf8)
        #expect(current.contains("line 199"))
        #expect(current.utf8.count <= 2_200)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// `--log-format json`: one JSON object per line with time, level, label, message and the metadata, for log shippers.
    @Test func jsonLinesCarryTheMessageAndItsMetadata() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("cin7bridge.log").path
        let logger = Logger(label: "cin7bridge.engine", factory: RotatingFileLogHandler.factory(path: path, format: .json))
        logger.warning("storage problem: \"quoted\"\nnext line", metadata: ["integration": "Acme", "loop": "create"])
        logger.info("second")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(first["level"] == "warning" && first["label"] == "cin7bridge.engine")
        #expect(first["message"] == "storage problem: \"quoted\"\nnext line")
        #expect(first["integration"] == "Acme" && first["loop"] == "create")
        #expect(first["time"].flatMap { ISO8601DateFormatter().date(from: String($0.prefix(19)) + "Z") } != nil)
    }
}
