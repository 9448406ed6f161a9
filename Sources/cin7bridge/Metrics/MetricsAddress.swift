/// Where `run --metrics-address` listens: `HOST:PORT`, `[IPv6]:PORT`, or `localhost:PORT` (port 0 picks a free one).
struct MetricsAddress: Equatable, CustomStringConvertible {
    var host: String
    var port: Int

    /// Parses `text`; nil when it is not `HOST:PORT` with a port from 0 to 65535.
    init?(_ text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            guard !host.contains(":") else { return nil }
        }
        guard !host.isEmpty, let number = Int(port), (0...65_535).contains(number) else { return nil }
        self.host = String(host)
        self.port = number
    }

    /// Only this machine can connect: 127.0.0.0/8, ::1 or `localhost`. Any other name may resolve to a public
    /// interface, so it counts as remote.
    var isLoopback: Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
