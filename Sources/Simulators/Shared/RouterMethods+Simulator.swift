import Hummingbird

extension RouterMethods {
    /// Answers every method on `path` except `served` with `responder`: the simulated services answer an unsupported
    /// method on a path they know themselves (after their own checks), where a router would answer 404.
    @discardableResult
    func on(
        _ path: RouterPath,
        methodsOtherThan served: Set<HTTPRequest.Method>,
        use responder: @escaping @Sendable (Request, Context) async throws -> Response
    ) -> Self {
        for method in [HTTPRequest.Method.get, .head, .post, .put, .delete, .patch, .options] where !served.contains(method) {
            on(path, method: method, use: responder)
        }
        return self
    }
}
