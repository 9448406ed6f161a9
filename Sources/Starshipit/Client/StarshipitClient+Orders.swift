import BridgeSupport
import Foundation

extension StarshipitClient {
    /// `POST /api/orders` `{"order": {...}}` → the full order with its `order_id` (starshipit-api.md L162-164).
    /// Not retried after a lost answer: look the number up with `orders(numbered:)` first. A 409 (accounts that
    /// refuse duplicate numbers, L173) throws `duplicateOrderNumber`.
    public func createOrder(_ order: StarshipitOrderRequest, priority: CallPriority = .high) async throws -> StarshipitOrder {
        let problems = order.problems
        guard problems.isEmpty else { throw StarshipitError.validation(problems) }
        let body = try StarshipitOrderEnvelope(order: order).jsonBody()
        do {
            return try await perform("POST", "/api/orders", body: body, idempotent: false, priority: priority) { response in
                guard let created = try? JSONDecoder().decode(StarshipitOrderPayload.self, from: Data(response.body)).order,
                    created.orderID != 0
                else {
                    throw StarshipitError.transient(
                        "the order may have been created but the answer had no order_id; look it up by order number before sending again"
                    )
                }
                return created
            }
        } catch StarshipitError.malformed(let detail) {
            throw StarshipitError.transient("\(detail); the order may have been created: look it up by order number before sending again")
        }
    }

    /// `GET /api/orders?order_id=` (L191).
    public func order(id: Int, priority: CallPriority = .high) async throws -> StarshipitOrder {
        try await perform("GET", "/api/orders", query: [("order_id", String(id))], idempotent: true, priority: priority) { response in
            guard let order = try Self.decode(StarshipitOrderPayload.self, response).order, order.orderID != 0 else {
                throw StarshipitError.notFound("order \(id)")
            }
            return order
        }
    }

    /// `GET /api/orders?order_number=` (L191): one order, nil when there is none. Where an account allows duplicate
    /// numbers this shows only one of them: `orders(numbered:)` finds them all.
    public func order(number: String, priority: CallPriority = .high) async throws -> StarshipitOrder? {
        do {
            return try await perform("GET", "/api/orders", query: [("order_number", number)], idempotent: true, priority: priority) { response in
                try Self.decode(StarshipitOrderPayload.self, response).order.flatMap { $0.orderID == 0 ? nil : $0 }
            }
        } catch StarshipitError.notFound {
            return nil
        }
    }

    /// Every order whose `order_number` is exactly `number`, as full orders: a search on the number (all statuses)
    /// plus the by-number read, since neither is documented to show every duplicate or every status (L181, L202).
    /// Use it before creating again after an unknown outcome (L183).
    public func orders(numbered number: String, priority: CallPriority = .high) async throws -> [StarshipitOrder] {
        var found: [Int: StarshipitOrder] = [:]
        var order: [Int] = []
        if let direct = try await self.order(number: number, priority: priority), direct.orderNumber == number {
            found[direct.orderID] = direct
            order.append(direct.orderID)
        }
        let hits = try await search(phrase: number, status: .all, fields: .orderNumber, priority: priority).filter { $0.orderNumber == number }
        for hit in hits where found[hit.orderID] == nil {
            do {
                let full = try await self.order(id: hit.orderID, priority: priority)
                found[hit.orderID] = full
                order.append(hit.orderID)
            } catch StarshipitError.notFound {
                continue
            }
        }
        return order.compactMap { found[$0] }.filter { $0.orderNumber == number }
    }

    /// `GET /api/orders/search?phrase=&status=&fields=&limit=&page=` (L202), every page.
    public func search(
        phrase: String,
        status: StarshipitSearchStatus = .all,
        fields: StarshipitSearchFields = .orderNumber,
        maxPages: Int = 20,
        priority: CallPriority = .high
    ) async throws -> [StarshipitOrderSummary] {
        try await pages(
            StarshipitOrderSummary.self,
            "/api/orders/search",
            query: [("phrase", phrase), ("status", status.rawValue), ("fields", fields.rawValue)],
            paging: .pageLimit(limit: configuration.pageSize),
            maxPages: maxPages,
            priority: priority
        )
    }

    /// `GET /api/orders/unshipped?since_last_updated=&limit=&page=` (L201). The window defaults to the last 24 hours
    /// when omitted (L201, L333), so it is always sent.
    public func unshippedOrders(sinceLastUpdated since: Date, maxPages: Int = 200, priority: CallPriority = .high) async throws -> [StarshipitOrder] {
        try await pages(
            StarshipitOrder.self,
            "/api/orders/unshipped",
            query: [("since_last_updated", StarshipitDate.format(since))],
            paging: .pageLimit(limit: configuration.pageSize),
            maxPages: maxPages,
            priority: priority
        )
    }

    /// `GET /api/orders/shipped?since_last_updated=&limit=&page=` (L253): full orders with carrier and packages.
    /// The window defaults to 24 hours when omitted (L253, L333), so it is always sent.
    public func shippedOrders(sinceLastUpdated since: Date, maxPages: Int = 200, priority: CallPriority = .high) async throws -> [StarshipitOrder] {
        try await pages(
            StarshipitOrder.self,
            "/api/orders/shipped",
            query: [("since_last_updated", StarshipitDate.format(since))],
            paging: .pageLimit(limit: configuration.pageSize),
            maxPages: maxPages,
            priority: priority
        )
    }

    /// `GET /api/orders/shipments?status=recently_printed|unmanifested&since_created_date=&limit=&page=` (L262):
    /// printed orders with their tracking numbers, before any manifest (L243).
    public func printedShipments(
        _ filter: StarshipitShipmentFilter = .unmanifested,
        sinceCreatedDate since: Date,
        maxPages: Int = 200,
        priority: CallPriority = .high
    ) async throws -> [StarshipitShipmentSummary] {
        try await pages(
            StarshipitShipmentSummary.self,
            "/api/orders/shipments",
            query: [("status", filter.rawValue), ("since_created_date", StarshipitDate.format(since))],
            paging: .pageLimit(limit: configuration.pageSize),
            maxPages: maxPages,
            priority: priority
        )
    }

    /// `GET /api/orders?status=&page_number=&page_size=` (L194-200): this end point pages with `page_number` and
    /// `page_size` (max 500), not `page`/`limit`.
    public func listOrders(
        status: StarshipitListStatus = .unshipped,
        pageSize: Int = 500,
        maxPages: Int = 1,
        priority: CallPriority = .high
    )
        async throws -> [StarshipitOrder]
    {
        try await pages(
            StarshipitOrder.self,
            "/api/orders",
            query: [("status", status.rawValue)],
            paging: .pageNumberSize(size: min(500, max(1, pageSize))),
            maxPages: maxPages,
            priority: priority
        )
    }

    /// `DELETE /api/orders/delete?order_id=` (L222): only while unshipped. A refusal throws
    /// `deleteNotAllowed(status:)` with the order's status; a 404 means it is already gone and counts as done.
    public func deleteOrder(id: Int, priority: CallPriority = .high) async throws {
        do {
            try await perform("DELETE", "/api/orders/delete", query: [("order_id", String(id))], idempotent: true, priority: priority) { _ in () }
        } catch StarshipitError.notFound {
            return
        } catch StarshipitError.validation(let messages) {
            let current = try? await order(id: id, priority: priority)
            if let current, !current.lifecycle.isDeletable {
                throw StarshipitError.deleteNotAllowed(status: current.status ?? "unknown")
            }
            throw StarshipitError.validation(messages)
        }
    }

    // MARK: Paging

    enum Paging {
        /// `page` + `limit` (unshipped, shipped, search, shipments; max 250).
        case pageLimit(limit: Int)
        /// `page_number` + `page_size` (`GET /api/orders`; max 500).
        case pageNumberSize(size: Int)

        func query(page: Int) -> [(String, String)] {
            switch self {
            case .pageLimit(let limit): [("limit", String(min(250, max(1, limit)))), ("page", String(page))]
            case .pageNumberSize(let size): [("page_number", String(page)), ("page_size", String(size))]
            }
        }
    }

    /// Every page of a list. Stops at `total_pages`, on an empty page, or when a page brings nothing new.
    func pages<T: LenientDecodable & Sendable & Identifiable>(
        _ type: T.Type,
        _ path: String,
        query: [(String, String)],
        paging: Paging,
        maxPages: Int,
        priority: CallPriority
    ) async throws -> [T] where T.ID: Sendable {
        var all: [T] = []
        var seen = Set<T.ID>()
        var page = 1
        while page <= maxPages {
            let payload = try await perform("GET", path, query: query + paging.query(page: page), idempotent: true, priority: priority) { response in
                let payload = try Self.decode(StarshipitOrdersPayload<T>.self, response)
                return (payload.orders, payload.totalPages)
            }
            let fresh = payload.0.filter { seen.insert($0.id).inserted }
            all += fresh
            guard let totalPages = payload.1, page < totalPages, !fresh.isEmpty else { break }
            page += 1
        }
        return all
    }
}
