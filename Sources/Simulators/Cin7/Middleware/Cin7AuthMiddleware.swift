import Hummingbird

/// Every call carries `api-auth-accountid` and `api-auth-applicationkey`; anything else is a 403 with Cin7's
/// plain-text body.
struct Cin7AuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: Cin7Simulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let accountID = request.headers.first { $0.name.canonicalName == "api-auth-accountid" }?.value ?? ""
        let key = request.headers.first { $0.name.canonicalName == "api-auth-applicationkey" }?.value ?? ""
        let admitted = simulator.state.withLock { state in
            guard accountID.caseInsensitiveCompare(state.config.accountID) == .orderedSame,
                key.caseInsensitiveCompare(state.config.applicationKey) == .orderedSame
            else {
                state.stats.rejectedCredentials += 1
                return false
            }
            return true
        }
        guard admitted else {
            return Cin7Answer(status: 403, body: Array("Incorrect credentials!".utf8), contentType: "text/plain; charset=utf-8").response
        }
        return try await next(request, context)
    }
}
