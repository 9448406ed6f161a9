import Foundation
import TestSupport

/// Process figures for the soak.
enum ProcessFigures {
    static var residentKB: Int { residentKB(of: "self") }
    static var openFDs: Int { openFDs(of: "self") }

    /// VmRSS of a process (`self` or a pid), in kB.
    static func residentKB(of process: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
        }
        return 0
    }

    static func openFDs(of process: String) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process)/fd").count) ?? 0
    }
}

/// Runs a command and returns its exit status and output.
@discardableResult
func runCommand(
    _ path: String,
    _ arguments: [String],
    environment: [String: String]? = nil
) throws -> (status: Int32, output: String, signalled: Bool) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    let status = process.waitForExit() ?? -1
    return (status, String(decoding: data, as: UTF8.self), status > 128)
}
