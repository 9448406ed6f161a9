import BridgeSupport
import Foundation

/// The file `cin7bridge config export` writes and `config import` reads:
///
/// ```json
/// { "format": "cin7bridge-config", "version": 1, "exportedAt": "2026-11-24T10:00:00Z", "includesSecrets": false,
///   "integrations": [ { "name": "…", "enabled": true, "cin7": {…}, "warehouse": {…}, "orderCreation": {…},
///                       "fulfilment": {…}, "limits": {…}, "alerts": {…} } ] }
/// ```
///
/// Each integration is an `IntegrationConfig` as JSON. Its `warehouse` names the platform and holds that platform's
/// settings (keys an older file lacks take their defaults):
///
/// ```json
/// { "kind": "cartoncloud", "baseURL": "https://api.cartoncloud.com", "tenantID": "…", "clientID": "…",
///   "clientSecret": "…", "customerID": "…" }
/// { "kind": "shipstation", "baseURL": "https://ssapi.shipstation.com", "apiKey": "…", "apiSecret": "…", "storeID": "" }
/// { "kind": "starshipit", "baseURL": "https://api.starshipit.com", "apiKey": "…", "apiSecret": "<subscription key>",
///   "productionTier": false }
/// ```
///
/// and `fulfilment.writebackOn` is `label_printed` or `manifested` (Starshipit). `alerts` is optional (absent: no
/// alerts) and names one hook (docs/ALERTS.md), with `timeout`, `retries` and `quietPeriod` in seconds (defaults 10, 3
/// and 300):
///
/// ```json
/// { "post": "https://hooks.example.com/…", "timeout": 10, "retries": 3, "quietPeriod": 300 }
/// { "command": "/usr/local/bin/page-warehouse", "arguments": ["--team", "dispatch"] }
/// ```
///
/// Without `--include-secrets` every secret (the Cin7 application key, the client secret, the API key and secret, and
/// the alert hook's `post` address, which often carries a token) is written as an empty string, and an import with
/// empty secrets keeps the ones already stored.
public struct ConfigDocument: Sendable, Codable, Equatable {
    public static let formatName = "cin7bridge-config"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var exportedAt: Date
    public var includesSecrets: Bool
    public var integrations: [IntegrationConfig]

    public init(integrations: [IntegrationConfig], includeSecrets: Bool, now: Date = Date()) {
        format = Self.formatName
        version = Self.currentVersion
        exportedAt = now
        includesSecrets = includeSecrets
        self.integrations =
            includeSecrets
            ? integrations
            : integrations.map { config in
                var config = config
                config.cin7.applicationKey = ""
                config.warehouse = config.warehouse.withoutSecrets
                config.alerts = config.alerts?.withoutSecrets
                return config
            }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder.bridge
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a document, saying precisely what is wrong with it.
    public static func decode(_ data: Data) throws -> ConfigDocument {
        let document: ConfigDocument
        do {
            document = try JSONDecoder.bridge.decode(ConfigDocument.self, from: data)
        } catch let error as DecodingError {
            throw ImportError.unreadable(describe(error))
        }
        guard document.format == formatName else { throw ImportError.unreadable("format is \"\(document.format)\", expected \"\(formatName)\"") }
        guard document.version <= currentVersion else {
            throw ImportError.unreadable("version \(document.version) was written by a newer cin7bridge; this one reads version \(currentVersion)")
        }
        return document
    }

    /// Imports every integration (creating or updating by name), after validating all of them: nothing is written
    /// unless every integration is valid.
    @discardableResult
    public func apply(to store: BridgeStore, actor: String) throws -> [String] {
        var problems: [String] = []
        var prepared: [IntegrationConfig] = []
        var names = Set<String>()
        for (index, var config) in integrations.enumerated() {
            if !names.insert(config.name).inserted { problems.append("integrations[\(index)].name: \"\(config.name)\" appears twice") }
            let existing = try store.integration(named: config.name).flatMap { try? $0.decodedConfig() }
            if config.cin7.applicationKey.isEmpty, let existing { config.cin7.applicationKey = existing.cin7.applicationKey }
            if let existing { config.warehouse.keepMissingSecrets(from: existing.warehouse) }
            config.alerts?.keepMissingSecrets(from: existing?.alerts)
            let missingSecrets = existing == nil && (config.cin7.applicationKey.isEmpty || !config.warehouse.hasSecrets)
            if missingSecrets {
                problems.append(
                    "integrations[\(index)]: \"\(config.name)\" was exported without its secrets and this machine has no integration of that name "
                        + "to keep them from. Export again with --include-secrets (and keep the file safe), or import and then enter the Cin7 "
                        + "application key and the warehouse secret in the wizard (tui → Reconfigure)."
                )
            }
            for problem in ConfigValidator.problems(in: config, requireSecrets: existing == nil && !missingSecrets) {
                problems.append("integrations[\(index)].\(problem.field): \(problem.message)")
            }
            prepared.append(config)
        }
        guard problems.isEmpty else { throw ImportError.invalid(problems) }
        for config in prepared { try store.saveIntegration(config, actor: actor) }
        return prepared.map(\.name)
    }

    public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(String)
        case invalid([String])

        public var description: String {
            switch self {
            case .unreadable(let detail): "The file is not a cin7bridge configuration export: \(detail)."
            case .invalid(let problems): "Nothing was imported. Fix these and import again:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
            }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "(top level)" : text)
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
