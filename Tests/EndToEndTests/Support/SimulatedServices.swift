import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cin7bridge simulate` in a process of its own: the Cin7 Core and CartonCloud services an integration talks to,
/// taken off the network and brought back with signals, asked about their orders through CartonCloud's documented
/// API as any API client would, and told on standard input to authorise sales and ship orders (`simulate`'s commands).
final class SimulatedServices {
    let process: Process
    /// The first line `simulate` prints: base URLs, credentials, and the seeded warehouses and locations (name=id).
    let info: [String: String]
    private let output: LineReader
    private let input: Pipe

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `simulate` with `seedSales` sales authorised and `arguments` (e.g. `--shipstation-port 0`).
    init(seedSales: Int, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: EndToEndTests.binary)
        process.arguments = ["simulate", "--seed-sales", "\(seedSales)"] + arguments
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = input
        try process.run()
        self.process = process
        self.input = input
        self.output = LineReader(output.fileHandleForReading)
        guard let line = self.output.next(timeout: 30),
            let info = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        else {
            process.stop(signal: SIGKILL)
            throw Failure(description: "cin7bridge simulate printed no connection line within 30 s")
        }
        self.info = info
    }

    /// The seeded CartonCloud warehouse or Cin7 location called `name`.
    func id(of name: String, in key: String) throws -> String {
        let pairs = (info[key] ?? "").split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        guard let id = pairs.first(where: { $0.first == name && $0.count == 2 })?.last else { throw Failure(description: "no \(name) in \(key)") }
        return id
    }

    /// Connections are refused from now on (SIGUSR1); everything the services hold is kept.
    func goOffline() { kill(process.processIdentifier, SIGUSR1) }

    /// Listening again on the same ports (SIGUSR2).
    func comeBack() { kill(process.processIdentifier, SIGUSR2) }

    func stop() { process.stop() }

    /// An integration for these services as `cin7bridge config import` reads it (with its secrets).
    func configDocument(name: String, mappings: [(location: String, warehouse: String)], pollInterval: Double = 3) throws -> Data {
        let integration: [String: Any] = [
            "name": name, "enabled": true,
            "cin7": [
                "accountID": info["cin7AccountID"] ?? "", "applicationKey": info["cin7ApplicationKey"] ?? "", "baseURL": info["cin7BaseURL"] ?? "",
            ],
            "warehouse": [
                "kind": "cartoncloud", "baseURL": info["cartonCloudBaseURL"] ?? "", "tenantID": info["cartonCloudTenantID"] ?? "",
                "clientID": info["cartonCloudClientID"] ?? "", "clientSecret": info["cartonCloudClientSecret"] ?? "",
                "customerID": info["cartonCloudCustomerID"] ?? "",
            ],
            "orderCreation": [
                "locationMappings": try mappings.map { mapping in
                    [
                        "locationID": try id(of: mapping.location, in: "locations"), "locationName": mapping.location,
                        "warehouse": ["name": mapping.warehouse],
                    ]
                },
                "goLive": ["fromDate": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600))],
            ],
            "fulfilment": [
                "completeOnDispatch": true, "sendTracking": true, "carrierMappings": [String: String](), "createMissingCarriers": false,
                "timeZone": "",
            ],
            "limits": [
                "cin7CallsPerWindow": 60, "cin7Window": 60, "warehouseCreatesPerWindow": 30, "warehouseWindow": 60, "pollInterval": pollInterval,
                "pollOverlap": 5, "stuckAfter": 600, "retryBase": 0.5, "retryCap": 3, "requestTimeout": 3,
            ],
        ]
        let document: [String: Any] = [
            "format": "cin7bridge-config", "version": 1, "exportedAt": ISO8601DateFormatter().string(from: Date()), "includesSecrets": true,
            "integrations": [integration],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// CartonCloud's outbound orders whose customer reference is `reference`: a token (client credentials), then
    /// `POST outbound-orders/search` on `/references/customer` (cartoncloud-api.md, Search Outbound Orders).
    func warehouseOrders(reference: String) async throws -> [[String: Any]] {
        let base = try #require(URL(string: info["cartonCloudBaseURL"] ?? ""))
        let credentials = Data("\(info["cartonCloudClientID"] ?? ""):\(info["cartonCloudClientSecret"] ?? "")".utf8).base64EncodedString()
        var token = URLRequest(url: base.appendingPathComponent("uaa/oauth/token"))
        token.httpMethod = "POST"
        token.setValue("1", forHTTPHeaderField: "Accept-Version")
        token.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        token.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        token.httpBody = Data("grant_type=client_credentials".utf8)
        let (tokenData, _) = try await URLSession.shared.data(for: token)
        let accessToken = try #require((try JSONSerialization.jsonObject(with: tokenData) as? [String: Any])?["access_token"] as? String)
        var search = URLRequest(url: base.appendingPathComponent("tenants/\(info["cartonCloudTenantID"] ?? "")/outbound-orders/search"))
        search.httpMethod = "POST"
        search.setValue("1", forHTTPHeaderField: "Accept-Version")
        search.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization")
        search.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let condition: [String: Any] = [
            "type": "AndCondition",
            "conditions": [
                [
                    "type": "TextComparisonCondition", "method": "EQUAL_TO",
                    "field": ["type": "JsonField", "pointer": "/references/customer"], "value": ["type": "ValueField", "value": reference],
                ]
            ],
        ]
        search.httpBody = try JSONSerialization.data(withJSONObject: ["condition": condition])
        let (data, response) = try await URLSession.shared.data(for: search)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw Failure(description: "search answered \(String(decoding: data, as: UTF8.self))")
        }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    /// Sends one of `simulate`'s standard-input commands (`cin7 authorise`, `shipstation ship REF`, …) and returns
    /// its answer's `orders` (comma-separated; empty when none was acted on).
    @discardableResult
    func command(_ line: String) throws -> String {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        guard let answer = output.next(timeout: 10),
            let fields = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: String]
        else { throw Failure(description: "cin7bridge simulate did not answer \(line)") }
        if let error = fields["error"] { throw Failure(description: "\(line): \(error)") }
        return fields["orders"] ?? ""
    }
}
