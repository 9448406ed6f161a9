import Foundation

/// Checks an integration's configuration field by field, so the wizard and `config import` can say exactly what
/// is wrong and where.
public enum ConfigValidator {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// A JSON-path-like location (`cin7.accountID`, `orderCreation.locationMappings[2].warehouse`).
        public var field: String
        public var message: String

        public var description: String { "\(field): \(message)" }
    }

    /// Every problem in `config`; empty when it is usable. `requireSecrets` is false for an import that keeps the
    /// secrets already stored.
    public static func problems(in config: IntegrationConfig, requireSecrets: Bool = true) -> [Problem] {
        var problems: [Problem] = []
        func check(_ ok: Bool, _ field: String, _ message: String) {
            if !ok { problems.append(Problem(field: field, message: message)) }
        }
        check(!config.name.trimmingCharacters(in: .whitespaces).isEmpty, "name", "is empty; give the integration a name")
        check(config.name.count <= 60, "name", "is longer than 60 characters")
        check(
            isGUID(config.cin7.accountID),
            "cin7.accountID",
            "must be the Account ID from Cin7 Core → Integrations → API (a GUID such as 3f1c2b9e-8d41-4c7a-9a55-0c2d6e1f7a10)"
        )
        if requireSecrets || !config.cin7.applicationKey.isEmpty {
            check(
                isGUID(config.cin7.applicationKey.reveal()),
                "cin7.applicationKey",
                "must be the Application Key from Cin7 Core → Integrations → API (a GUID)"
            )
        }
        check(isURL(config.cin7.baseURL), "cin7.baseURL", "must be an http(s) address such as \(IntegrationConfig.Cin7Connection.defaultBaseURL)")
        if isURL(config.cin7.baseURL) {
            // Every Cin7 Core API v2 address ends so; without it each call answers "not found".
            let path = (URL(string: config.cin7.baseURL)?.path ?? "").lowercased()
            check(
                path.hasSuffix("/externalapi/v2") || path.hasSuffix("/externalapi/v2/"),
                "cin7.baseURL",
                "looks wrong: it should end with /ExternalApi/v2/ (normally \(IntegrationConfig.Cin7Connection.defaultBaseURL))"
            )
        }
        let warehouse = config.warehouse
        let platform = warehouse.kind.displayName
        check(isURL(warehouse.baseURL), "warehouse.baseURL", "must be an http(s) address such as \(warehouse.kind.defaultBaseURL)")
        switch warehouse.kind {
        case .cartonCloud:
            check(!warehouse.tenantID.isEmpty, "warehouse.tenantID", "is empty; copy the Tenant ID from the CartonCloud self-managed integration")
            check(!warehouse.clientID.isEmpty, "warehouse.clientID", "is empty; copy the Client ID from the CartonCloud API client")
            if requireSecrets || !warehouse.clientSecret.isEmpty {
                check(!warehouse.clientSecret.isEmpty, "warehouse.clientSecret", "is empty; copy the Client Secret from the CartonCloud API client")
            }
            check(!warehouse.customerID.isEmpty, "warehouse.customerID", "is empty; give the CartonCloud customer's id")
        case .shipStation, .starshipit:
            let (keyName, secretName, whereFrom) =
                warehouse.kind == .shipStation
                ? ("API Key", "API Secret", "ShipStation → Settings → Account → API Settings (V1 API keys)")
                : ("API key", "subscription key", "Starshipit → Settings → API")
            if requireSecrets || !warehouse.apiKey.isEmpty {
                check(!warehouse.apiKey.isEmpty, "warehouse.apiKey", "is empty; copy the \(platform) \(keyName) from \(whereFrom)")
            }
            if requireSecrets || !warehouse.apiSecret.isEmpty {
                check(!warehouse.apiSecret.isEmpty, "warehouse.apiSecret", "is empty; copy the \(platform) \(secretName) from \(whereFrom)")
            }
            if warehouse.kind == .shipStation, !warehouse.storeID.isEmpty {
                check(Int(warehouse.storeID) != nil, "warehouse.storeID", "must be a ShipStation store id (a number; Test connection lists them)")
            }
        }
        let creation = config.orderCreation
        check(
            creation.defaultWarehouse != nil || !creation.locationMappings.isEmpty,
            "orderCreation",
            "needs a default warehouse or at least one location mapped to a warehouse, or no order would ever be sent"
        )
        if let warehouse = creation.defaultWarehouse {
            check(!warehouse.isEmpty, "orderCreation.defaultWarehouse", "needs a warehouse id or name")
        }
        for (index, mapping) in creation.locationMappings.enumerated() {
            check(!mapping.locationID.isEmpty || !mapping.locationName.isEmpty, "orderCreation.locationMappings[\(index)]", "needs a Cin7 location")
            check(!mapping.warehouse.isEmpty, "orderCreation.locationMappings[\(index)].warehouse", "needs a warehouse id or name")
        }
        check(!creation.statusesToImport.isEmpty, "orderCreation.statusesToImport", "is empty; at least ORDERED is needed")
        let known: Set<String> = [
            "DRAFT", "ESTIMATING", "ESTIMATED", "ORDERING", "ORDERED", "BACKORDERED", "PICKING", "PICKED", "PACKING", "PACKED", "SHIPPING",
            "INVOICING", "INVOICED", "COMPLETED",
        ]
        for (index, status) in creation.statusesToImport.enumerated() {
            check(known.contains(status.uppercased()), "orderCreation.statusesToImport[\(index)]", "\"\(status)\" is not a Cin7 sale status")
        }
        check(creation.referencePrefix.count <= 20, "orderCreation.referencePrefix", "is longer than 20 characters")
        if !config.fulfilment.timeZone.isEmpty {
            check(
                TimeZone(identifier: config.fulfilment.timeZone) != nil,
                "fulfilment.timeZone",
                "\"\(config.fulfilment.timeZone)\" is not a time zone name such as Australia/Sydney"
            )
        }
        let limits = config.limits
        check(
            limits.cin7CallsPerWindow >= 1 && limits.cin7CallsPerWindow <= 60,
            "limits.cin7CallsPerWindow",
            "must be between 1 and 60 (Cin7 allows 60 calls a minute per API application)"
        )
        check(limits.cin7Window > 0, "limits.cin7Window", "must be positive")
        check(limits.warehouseCreatesPerWindow >= 1, "limits.warehouseCreatesPerWindow", "must be at least 1")
        check(limits.warehouseWindow > 0, "limits.warehouseWindow", "must be positive")
        check(limits.pollInterval >= 0.05 && limits.pollInterval <= 3600, "limits.pollInterval", "must be between 0.05 and 3600 seconds")
        check(limits.pollOverlap >= 0, "limits.pollOverlap", "must not be negative")
        check(limits.requestTimeout >= 0.5, "limits.requestTimeout", "must be at least 0.5 seconds")
        problems += config.alerts?.problems(requireURL: requireSecrets) ?? []
        return problems
    }

    /// The warehouses `config` sends orders to that match none of `known` by id or exact name (CartonCloud matches
    /// names exactly as spelt: cartoncloud-api.md, Warehouse). Said as a warning, not a problem: `known` may be
    /// incomplete when the warehouse system cannot list its warehouses.
    public static func unknownWarehouses(in config: IntegrationConfig, known: [IntegrationConfig.WarehouseRef]) -> [IntegrationConfig.WarehouseRef] {
        let ids = Set(known.compactMap { $0.id?.lowercased() })
        let names = Set(known.compactMap(\.name))
        // An id is what CartonCloud uses first when both are given.
        return config.orderCreation.warehouses.filter { ref in
            !(ref.id.map { ids.contains($0.lowercased()) } ?? ref.name.map { names.contains($0) } ?? false)
        }
    }

    static func isGUID(_ value: String) -> Bool {
        UUID(uuidString: value.trimmingCharacters(in: .whitespaces)) != nil
    }

    static func isURL(_ value: String) -> Bool {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return scheme == "https" || scheme == "http"
    }
}
