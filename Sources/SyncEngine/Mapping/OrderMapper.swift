import Foundation

/// Maps a Cin7 sale to the order the warehouse receives (ARCHITECTURE.md, "Cin7 → CartonCloud mapping").
public enum OrderMapper {
    /// Lines that ship from the warehouse: stock lines only. Drop-ship lines are left out here; service and
    /// non-inventory products are left out by `stockSKUs` when the product catalogue is known.
    public static func stockLines(_ lines: [SaleInfo.Line], serviceSKUs: Set<String> = []) -> [SaleInfo.Line] {
        lines.filter { !$0.dropShip && $0.quantity > 0 && !$0.sku.isEmpty && !serviceSKUs.contains($0.sku.uppercased()) }
    }

    public static func request(
        for sale: SaleInfo,
        unit: Router.PlannedUnit,
        options: IntegrationConfig.OrderCreation,
        serviceSKUs: Set<String> = []
    ) -> WarehouseOrderRequest {
        var address = WarehouseOrderRequest.Address()
        let shipping = sale.shippingAddress
        let contact = (shipping.contact?.nilIfBlank ?? sale.contact?.nilIfBlank)
        address.companyName =
            options.contactAsCompany
            ? (contact ?? shipping.company?.nilIfBlank ?? sale.customer.nilIfBlank) : (shipping.company?.nilIfBlank ?? sale.customer.nilIfBlank)
        address.contactName = contact
        address.address1 = shipping.line1?.nilIfBlank
        address.address2 = shipping.line2?.nilIfBlank
        address.city = shipping.city?.nilIfBlank
        address.suburb = shipping.city?.nilIfBlank
        if let state = shipping.state?.nilIfBlank {
            if isStateCode(state) { address.stateCode = state.uppercased() } else { address.stateName = state }
        }
        address.postcode = shipping.postcode?.nilIfBlank
        address.countryCode = shipping.country?.nilIfBlank.map { $0.count == 2 ? $0.uppercased() : $0 }
        address.phone = sale.phone?.nilIfBlank
        address.email = sale.email?.nilIfBlank

        let lines = stockLines(unit.lines, serviceSKUs: serviceSKUs).map {
            WarehouseOrderRequest.Line(sku: $0.sku, name: $0.name, quantity: $0.quantity)
        }
        return WarehouseOrderRequest(
            reference: unit.reference,
            warehouse: unit.warehouse,
            address: address,
            instructions: instructions(for: sale, source: options.deliveryInstructions),
            requiredDate: sale.shipBy,
            customerReference: sale.customerReference?.nilIfBlank,
            cin7OrderNumber: sale.orderNumber,
            lines: merge(lines)
        )
    }

    /// The chosen Cin7 text for delivery instructions.
    public static func instructions(for sale: SaleInfo, source: IntegrationConfig.InstructionSource) -> String? {
        let notes = sale.shippingNotes?.nilIfBlank
        let memo = sale.memo?.nilIfBlank
        switch source {
        case .shippingNotes: return notes
        case .memo: return memo
        case .both: return [notes, memo].compactMap { $0 }.joined(separator: "\n").nilIfBlank
        case .none: return nil
        }
    }

    /// A state written as a short code (`VIC`, `NSW`, `CA`) rather than a name.
    static func isStateCode(_ state: String) -> Bool {
        state.count <= 3 && state.allSatisfy { $0.isLetter && $0.isASCII }
    }

    /// The same SKU on several lines becomes one line.
    static func merge(_ lines: [WarehouseOrderRequest.Line]) -> [WarehouseOrderRequest.Line] {
        var order: [String] = []
        var merged: [String: WarehouseOrderRequest.Line] = [:]
        for line in lines {
            if var existing = merged[line.sku] {
                existing.quantity += line.quantity
                merged[line.sku] = existing
            } else {
                order.append(line.sku)
                merged[line.sku] = line
            }
        }
        return order.compactMap { merged[$0] }
    }

    /// A digest of what the warehouse was given (lines and address), to notice edits in Cin7 after sending.
    public static func fingerprint(_ sale: SaleInfo) -> String {
        let lines = sale.lines.map { "\($0.sku)×\($0.quantity)\($0.dropShip ? "d" : "")" }.sorted().joined(separator: ",")
        let a = sale.shippingAddress
        let address = [a.line1, a.line2, a.city, a.state, a.postcode, a.country, a.company, a.contact].map { $0 ?? "" }.joined(separator: "|")
        return "\(lines)#\(address)"
    }

    /// In words, what changed between two fingerprints.
    public static func describeChange(from old: String, to new: String) -> String {
        let oldParts = old.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let newParts = new.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var changes: [String] = []
        if oldParts.first != newParts.first { changes.append("lines changed (now \(newParts.first.map(String.init) ?? ""))") }
        if oldParts.count > 1, newParts.count > 1, oldParts[1] != newParts[1] {
            changes.append("shipping address changed (now \(newParts[1].split(separator: "|").joined(separator: ", ")))")
        }
        return changes.isEmpty ? "changed" : changes.joined(separator: "; ")
    }
}
