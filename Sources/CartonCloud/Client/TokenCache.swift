import Foundation

/// The cached access token: shared by every caller, fetched once at a time, renewed shortly before `expires_in`
/// (10 % early, at most 60 s) and after a 401.
actor TokenCache {
    private var token: String?
    private var expiry = Date.distantPast
    private var inflight: Task<(token: String, lifetime: TimeInterval), any Error>?

    func token(
        invalidating stale: String?,
        now: @Sendable () -> Date,
        fetch: @escaping @Sendable () async throws -> (token: String, lifetime: TimeInterval)
    ) async throws -> String {
        if let stale, stale == token { token = nil }
        if let token, now() < expiry { return token }
        if let inflight { return try await inflight.value.token }
        let task = Task { try await fetch() }
        inflight = task
        defer { inflight = nil }
        let started = now()
        let fetched = try await task.value
        token = fetched.token
        expiry = started.addingTimeInterval(fetched.lifetime - min(60, fetched.lifetime * 0.1))
        return fetched.token
    }
}
