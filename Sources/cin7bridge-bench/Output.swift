import Foundation
import Synchronization

/// A JSON value for one figure's parameters.
enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    var json: String {
        switch self {
        case .string(let s): return Self.quote(s)
        case .int(let i): return String(i)
        case .double(let d):
            guard d.isFinite else { return "null" }
            return String(format: "%.6g", d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

/// Prints one JSON object per line per figure: `{"bench": NAME, "value": X, "unit": U, ...parameters}`.
enum Report {
    private static let emitted = Mutex<[String]>([])

    static func figure(_ name: String, _ value: Double, _ unit: String, _ parameters: KeyValuePairs<String, JSONValue> = [:]) {
        figure(name, value, unit, Array(parameters.map { ($0.key, $0.value) }))
    }

    static func figure(_ name: String, _ value: Double, _ unit: String, _ parameters: [(String, JSONValue)]) {
        var parts = ["\"bench\":\(JSONValue.quote(name))", "\"value\":\(JSONValue.double(value).json)", "\"unit\":\(JSONValue.quote(unit))"]
        for (key, value) in parameters { parts.append("\(JSONValue.quote(key)):\(value.json)") }
        line("{" + parts.joined(separator: ",") + "}")
        emitted.withLock { $0.append(name) }
    }

    /// Passes through a line a worker process printed (already a figure).
    static func forward(_ text: String) {
        guard let data = text.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let name = object["bench"] as? String
        else { return }
        line(text)
        emitted.withLock { $0.append(name) }
    }

    static var names: [String] { emitted.withLock { $0 } }

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Progress for people, on standard error so standard output stays one figure per line.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data(("bench: " + text + "\n").utf8))
    }
}

/// CPU and memory of this process.
enum ProcessMeter {
    /// User + system CPU seconds used by this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec)
            / 1e6
    }

    /// Peak resident set (VmHWM) in MiB, from /proc/self/status.
    static func peakRSSMiB() -> Double { statusField("VmHWM") }

    static func currentRSSMiB() -> Double { statusField("VmRSS") }

    private static func statusField(_ name: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.split(separator: " ").compactMap { Double($0) }
            if let kB = digits.first { return kB / 1024 }
        }
        return .nan
    }

    /// CPU seconds per thread name (from /proc/self/task/*/stat), for a coarse profile of where time goes.
    static func cpuByThreadName() -> [String: Double] {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var result: [String: Double] = [:]
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return result }
        for tid in tasks {
            guard let stat = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { continue }
            var name = String(stat[stat.index(after: open)..<close])
            // Group numbered threads of one pool: "NIO-ELT-0-#1" → "NIO-ELT".
            name = name.split(separator: "-").prefix(2).joined(separator: "-")
            name = String(name.prefix { !$0.isNumber && $0 != "#" })
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // After the name: state(0) … utime is field 14 of the whole line → index 11 here, stime 12.
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            result[name.isEmpty ? "?" : name, default: 0] += (user + system) / ticks
        }
        return result
    }
}

/// Percentiles of a sample.
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

/// Monotonic seconds.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
