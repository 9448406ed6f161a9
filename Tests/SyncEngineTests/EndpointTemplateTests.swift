import Testing

@testable import SyncEngine

/// The `endpoint` label never carries ids or queries (one time series per order would grow without bound).
struct EndpointTemplateTests {
    @Test(arguments: [
        ("/ExternalApi/v2/sale?ID=2f1a9c3e-8b7d-4e6f-9a0b-1c2d3e4f5a6b", "/ExternalApi/v2/sale"),
        ("/ExternalApi/v2/saleList?Page=2&Limit=100&UpdatedSince=2026-12-01T00:00:00Z", "/ExternalApi/v2/saleList"),
        ("ExternalApi/v2/sale/fulfilment/pick", "/ExternalApi/v2/sale/fulfilment/pick"),
        (
            "/tenants/5e7d2c1a-0b9f-4a8e-8c6d-2f3e4a5b6c7d/warehouses/91b2c3d4-e5f6-4789-a0b1-c2d3e4f5a6b7/outbound-orders",
            "/tenants/{id}/warehouses/{id}/outbound-orders"
        ),
        ("/tenants/5e7d2c1a-0b9f-4a8e-8c6d-2f3e4a5b6c7d/outbound-orders/search", "/tenants/{id}/outbound-orders/search"),
        ("/uaa/oauth/token", "/uaa/oauth/token"),
        ("/oauth2/token", "/oauth2/token"),
        ("/orders/123456789", "/orders/{id}"),
        ("/orders/createorder", "/orders/createorder"),
        ("/api/orders/SO-1", "/api/orders/{id}"),
        ("/api/orders/SO-00017", "/api/orders/{id}"),
        ("/api/orders/HB%2D17", "/api/orders/{id}"),
        ("/shipments?orderNumber=SO-1&includeShipmentItems=true", "/shipments"),
        ("/", "/"),
        ("", "/"),
    ])
    func templates(path: String, expected: String) {
        #expect(EndpointTemplate.template(path) == expected)
    }
}
