import Cin7Core
import Foundation

extension SaleInfo {
    /// The engine's view of a full Cin7 sale (read with `CountryFormat=Code2`), completed by its row in the sale
    /// list when it came from one: the list alone names the location by id, and its `Updated` is the version the
    /// next poll compares with.
    public init(_ sale: Sale, listedAs summary: SaleSummary? = nil) {
        let type = sale.type?.rawValue ?? ""
        let address = sale.ShippingAddress
        let lines = (sale.Order?.Lines ?? []).map {
            SaleInfo.Line(
                sku: $0.SKU ?? "",
                name: $0.Name ?? "",
                quantity: $0.Quantity ?? 0,
                dropShip: $0.DropShip ?? false,
                productID: $0.ProductID?.value
            )
        }
        let fulfilments = (sale.Fulfilments ?? []).enumerated().map { index, f in
            SaleInfo.Fulfilment(
                taskID: f.TaskID.value,
                number: f.FulfillmentNumber ?? index + 1,
                pickStatus: f.Pick?.Status?.rawValue ?? "",
                packStatus: f.Pack?.Status?.rawValue ?? "",
                shipStatus: f.Ship?.Status?.rawValue ?? "",
                lines: (f.Pick?.Lines ?? []).map {
                    SaleInfo.Line(sku: $0.SKU ?? "", name: $0.Name ?? "", quantity: $0.Quantity ?? 0, productID: $0.ProductID?.value)
                }
            )
        }
        self.init(
            saleID: sale.ID.value,
            orderNumber: sale.Order?.SaleOrderNumber ?? "",
            status: sale.Status?.rawValue ?? "",
            orderStatus: sale.Order?.Status?.rawValue ?? "",
            isAdvanced: type.uppercased().contains("ADVANCED"),
            isService: type.uppercased().contains("SERVICE") || sale.ServiceOnly == true,
            customer: sale.Customer ?? "",
            customerReference: sale.CustomerReference,
            contact: sale.Contact,
            phone: sale.Phone,
            email: sale.Email,
            location: sale.Location ?? "",
            locationID: summary?.locationID,
            updated: summary?.updated ?? sale.LastModifiedOn?.date,
            combinedShippingStatus: sale.CombinedShippingStatus?.rawValue ?? "",
            combinedTrackingNumbers: sale.CombinedTrackingNumbers ?? "",
            shippingAddress: SaleInfo.Address(
                line1: address?.Line1,
                line2: address?.Line2,
                city: address?.City,
                state: address?.State,
                postcode: address?.Postcode,
                country: address?.Country,
                company: address?.Company,
                contact: address?.Contact
            ),
            shippingNotes: sale.ShippingNotes,
            memo: sale.Order?.Memo,
            shipBy: sale.ShipBy,
            lines: lines,
            fulfilments: fulfilments
        )
    }
}

extension SaleSummary {
    /// The engine's view of a sale-list row.
    public init(_ item: SaleListItem) {
        let type = item.type?.rawValue.uppercased() ?? ""
        self.init(
            saleID: item.SaleID.value,
            orderNumber: item.OrderNumber ?? "",
            status: item.Status?.rawValue ?? "",
            orderStatus: item.OrderStatus?.rawValue ?? "",
            customer: item.Customer ?? "",
            locationID: item.OrderLocationID?.value,
            updated: item.Updated?.date,
            combinedShippingStatus: item.CombinedShippingStatus?.rawValue ?? "",
            combinedTrackingNumbers: item.CombinedTrackingNumbers ?? "",
            isService: type.contains("SERVICE")
        )
    }
}
