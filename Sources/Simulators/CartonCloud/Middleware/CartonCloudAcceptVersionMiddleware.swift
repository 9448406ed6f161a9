import Foundation
import Hummingbird

/// Every end point needs `Accept-Version` (the token end point too, as in the documented curl example), and only
/// version 1 is served.
struct CartonCloudAcceptVersionMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: CartonCloudSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let configuration = simulator.configuration
        guard let version = request.headers.first(where: { $0.name.canonicalName == "accept-version" })?.value.trimmingCharacters(in: .whitespaces),
            !version.isEmpty
        else {
            return CartonCloudSimulator.makeResponse(.error(configuration.missingAcceptVersionStatus, "Missing request header 'Accept-Version'"))
        }
        // cartoncloud-api.md ~L260: `Accept-Version: 1`. Version 8 is documented only for creating warehouse
        // products (~L1752), which this simulator does not serve.
        guard version == "1" else {
            return CartonCloudSimulator.makeResponse(.error(configuration.invalidAcceptVersionStatus, "Invalid Accept-Version header provided"))
        }
        return try await next(request, context)
    }
}
