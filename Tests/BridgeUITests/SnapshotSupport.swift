import Foundation
import TerminalUI
import Testing

/// Golden plain-text snapshots in `__Snapshots__/<name>.txt`. `RECORD_SNAPSHOTS=1 swift test` rewrites them (and
/// says so per snapshot); under `CI` recording is an error.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The text form: the screen, and for monochrome runs also the style layer (`R` reverse, `B` bold…).
    static func text(_ buffer: ScreenBuffer, styles: Bool) -> String {
        styles ? buffer.plainText + "\n---- styles ----\n" + buffer.annotatedText + "\n" : buffer.plainText + "\n"
    }

    static func assert(_ buffer: ScreenBuffer, named name: String, styles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = text(buffer, styles: styles)
        let file = directory.appendingPathComponent(name + ".txt")
        if recording {
            // Recording compares nothing, so under CI it is a failure, never a silent pass.
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("RECORD_SNAPSHOTS=1 under CI: snapshot \(name) was not compared; unset it", sourceLocation: sourceLocation)
                return
            }
            let previous = try? String(contentsOf: file, encoding: .utf8)
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            print(
                "SNAPSHOT \(name): recorded, \(previous == nil ? "new" : previous == actual ? "unchanged" : "CHANGED (review the diff)"), not compared"
            )
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt: run RECORD_SNAPSHOTS=1 swift test --filter BridgeUITests", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("snapshot \(name) differs:\n--- expected\n\(expected)\n--- actual\n\(actual)", sourceLocation: sourceLocation)
        }
    }
}
