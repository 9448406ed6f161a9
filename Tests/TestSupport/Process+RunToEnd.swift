import Foundation

/// What a finished program said: its exit status and standard output and error together.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var text: String
}

extension Process {
    /// Runs `executable` with `arguments` (and `environment` added to this process's) until it ends, with no
    /// input; killed after `timeout` seconds (status -1 when even that wait fails).
    public static func runToEnd(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: TimeInterval = 60
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let status = process.waitForExit(timeout: timeout) ?? -1
        return ProcessOutput(status: status, text: String(decoding: data, as: UTF8.self))
    }
}
