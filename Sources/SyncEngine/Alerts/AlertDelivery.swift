import BridgeSupport
import Foundation
import Logging

/// Delivers one alert to a hook, trying again with the hook's backoff, and says how it went. Never throws: a hook that
/// cannot be reached is logged (without its address or any secret) and given up.
struct AlertDelivery: Sendable {
    let transport: any HTTPTransport
    let clock: any BridgeClock
    let logger: Logger

    /// How one alert's delivery ended.
    enum Outcome: Sendable, Equatable {
        case delivered(attempts: Int)
        case gaveUp(attempts: Int, AlertDeliveryError)
    }

    func deliver(_ payload: AlertPayload, to hook: AlertHook) async -> Outcome {
        let metadata: Logger.Metadata = ["integration": "\(payload.integration)", "kind": "\(payload.kind)", "hook": "\(hook.logDescription)"]
        do {
            let attempts = try await hook.retryPolicy.run(
                clock: clock,
                shouldRetry: { error, attempt in
                    guard let failure = error as? AlertDeliveryError, failure.isRetryable else { return nil }
                    logger.warning(
                        "alert delivery failed, trying again",
                        metadata: metadata.merging(["error": "\(failure)", "attempt": "\(attempt)"]) { $1 }
                    )
                    return 0
                }
            ) { attempt in
                try await send(payload, to: hook)
                return attempt
            }
            logger.info("alert delivered", metadata: metadata.merging(["attempts": "\(attempts)"]) { $1 })
            return .delivered(attempts: attempts)
        } catch {
            let failure = error as? AlertDeliveryError ?? .connectionFailed
            let tries = failure.isRetryable ? hook.retryPolicy.maxAttempts : 1
            logger.error(
                "alert not delivered, given up: \(failure)",
                metadata: metadata.merging(["error": "\(failure)", "attempts": "\(tries)"]) { $1 }
            )
            return .gaveUp(attempts: tries, failure)
        }
    }

    /// One try.
    func send(_ payload: AlertPayload, to hook: AlertHook) async throws {
        switch hook.target {
        case .command(let path, let arguments):
            try await AlertCommandRunner.run(path: path, arguments: arguments, payload: payload, timeout: hook.timeout)
        case .post(let secret):
            guard let url = URL(string: secret.reveal()), url.host?.isEmpty == false else { throw AlertDeliveryError.invalidURL }
            let request = HTTPRequestSpec(
                method: "POST",
                url: url,
                headers: [("Content-Type", "application/json"), ("User-Agent", "cin7bridge-alert/1")],
                body: payload.encoded(),
                timeout: hook.timeout
            )
            let response: HTTPResponseSpec
            do {
                response = try await transport.send(request)
            } catch let error as TransportError {
                throw AlertDeliveryError.from(error)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw AlertDeliveryError.connectionFailed
            }
            guard (200..<300).contains(response.status) else { throw AlertDeliveryError.httpStatus(response.status) }
        }
    }
}
