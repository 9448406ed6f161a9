import AsyncHTTPClient
import Foundation
import NIOCore
import Simulators
import Testing

@Suite("CartonCloud simulator over HTTP", .serialized)
struct CartonCloudSimulatorTests {
    func call(
        _ url: String,
        method: String = "GET",
        headers: [(String, String)] = [],
        body: String? = nil
    ) async throws -> (Int, [String: String], String) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return (Int(response.status.code), fields, String(buffer: buffer))
    }

    @Test func acceptVersionTokenAndPaging() async throws {
        let simulator = CartonCloudSimulator()
        let base = try await simulator.start().absoluteString
        let basic = Data("\(simulator.clientID):\(simulator.clientSecret)".utf8).base64EncodedString()
        // Missing Accept-Version → 400, even on the token end point.
        let (missing, _, missingBody) = try await call(
            "\(base)/uaa/oauth/token",
            method: "POST",
            headers: [("Authorization", "Basic \(basic)")],
            body: "grant_type=client_credentials"
        )
        #expect(missing == 400)
        #expect(missingBody.hasPrefix("[{"))
        let (status, _, body) = try await call(
            "\(base)/uaa/oauth/token",
            method: "POST",
            headers: [
                ("Authorization", "Basic \(basic)"), ("Accept-Version", "1"), ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body: "grant_type=client_credentials"
        )
        #expect(status == 200)
        let token = try #require((try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["access_token"] as? String)
        let (noVersion, _, _) = try await call("\(base)/uaa/userinfo", headers: [("Authorization", "Bearer \(token)")])
        #expect(noVersion == 400)
        // Only version 1 is documented for these end points (cartoncloud-api.md ~L260; 8 only for creating products).
        for version in ["8", "2"] {
            let (refused, _, _) = try await call(
                "\(base)/uaa/userinfo",
                headers: [("Authorization", "Bearer \(token)"), ("Accept-Version", version)]
            )
            #expect(refused == 406, "Accept-Version \(version)")
        }
        let (badToken, _, _) = try await call("\(base)/uaa/userinfo", headers: [("Authorization", "Bearer nope"), ("Accept-Version", "1")])
        #expect(badToken == 401)
        let auth = [("Authorization", "Bearer \(token)"), ("Accept-Version", "1"), ("Content-Type", "application/json")]
        let (customers, headers, _) = try await call("\(base)/tenants/\(simulator.tenantID)/customers?page=1&size=1", headers: auth)
        #expect(customers == 200)
        #expect(headers["total-pages"] == "1")
        #expect(headers["page-size"] == "1")
        #expect(headers["total-elements"] == "1")
        // No /status search key is documented: refused.
        let (statusSearch, _, _) = try await call(
            "\(base)/tenants/\(simulator.tenantID)/outbound-orders/search",
            method: "POST",
            headers: auth,
            body: """
                {"condition":{"type":"AndCondition","conditions":[{"type":"TextComparisonCondition","field":{"type":"JsonField","pointer":"/status"},"value":{"type":"ValueField","value":"DISPATCHED"},"method":"EQUAL_TO"}]}}
                """
        )
        #expect(statusSearch == 400)
        // Prefer: return=minimal.
        let (minimal, minimalHeaders, minimalBody) = try await call(
            "\(base)/tenants/\(simulator.tenantID)/outbound-orders/search",
            method: "POST",
            headers: auth + [("Prefer", "return=minimal")],
            body: """
                {"condition":{"type":"OrCondition","conditions":[{"type":"TextComparisonCondition","field":{"type":"ValueField","value":"reference"},"value":{"type":"ValueField","value":"X"},"method":"STARTS_WITH"}]}}
                """
        )
        #expect(minimal == 200)
        #expect(minimalHeaders["preference-applied"] == "return=minimal")
        #expect(minimalBody == "[]")
        await simulator.stop()
    }

    @Test func checksRunInTheDocumentedOrderAndEveryCallIsRecorded() async throws {
        let simulator = CartonCloudSimulator()
        let base = try await simulator.start().absoluteString
        let basic = Data("\(simulator.clientID):\(simulator.clientSecret)".utf8).base64EncodedString()
        let (_, _, body) = try await call(
            "\(base)/uaa/oauth/token",
            method: "POST",
            headers: [
                ("Authorization", "Basic \(basic)"), ("Accept-Version", "1"), ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body: "grant_type=client_credentials"
        )
        let token = try #require((try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["access_token"] as? String)
        let auth = [("Authorization", "Bearer \(token)"), ("Accept-Version", "1")]
        let tenant = "\(base)/tenants/\(simulator.tenantID)"
        #expect(try await call("\(base)/nowhere", headers: [("Accept-Version", "1")]).0 == 401)
        #expect(try await call("\(base)/nowhere", headers: auth).2 == #"[{"message":"Not Found"}]"#)
        #expect(try await call("\(base)/tenants/other/nowhere", headers: auth).2 == #"[{"message":"Tenant not found"}]"#)
        #expect(try await call("\(tenant)/nowhere/at/all", headers: auth).0 == 404)
        #expect(try await call("\(tenant)/outbound-orders/abc", method: "PUT", headers: auth).0 == 405)
        #expect(try await call("\(base)/uaa/oauth/token", headers: [("Accept-Version", "1")]).0 == 405)
        // Warehouse products: searching needs no role, reading one does ("WMS Add Product" is not granted by default).
        #expect(try await call("\(tenant)/warehouse-products/search", headers: auth).0 == 403)
        #expect(
            try await call(
                "\(tenant)/warehouse-products/search",
                method: "POST",
                headers: auth,
                body: #"{"condition":{"type":"AndCondition","conditions":[]}}"#
            ).0 != 403
        )
        let stats = simulator.stats
        #expect(stats.byEndpoint["GET nowhere"] == 3)  // `/nowhere` twice, and `nowhere` in the other tenant
        #expect(stats.byEndpoint["PUT outbound-orders/{id}"] == 1)
        #expect(stats.byEndpoint["GET uaa/oauth/token"] == 1)
        #expect(stats.unauthorized == 1)
        #expect(stats.forbidden == 1)
        await simulator.stop()
    }
}
