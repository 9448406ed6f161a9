import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import SyncEngine

/// The HTTP endpoints of `cin7bridge run --metrics-address`, a service beside the engine in the same service group
/// (SIGTERM stops both): `/metrics`, the Prometheus text of everything the engine emitted plus the state gauges
/// sampled from the store for this scrape, and `/healthz`, the `status --check` verdict as JSON (200 or 503).
struct MetricsServer: Service {
    let address: MetricsAddress
    let registry: PrometheusCollectorRegistry
    let sampler: MetricsSampler
    let logger: Logger

    func run() async throws {
        var quiet = logger
        quiet.logLevel = .warning
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { [logger, address] channel in
                let port = channel.localAddress?.port ?? address.port
                let host = address.host.contains(":") ? "[\(address.host)]" : address.host
                logger.notice("Metrics at http://\(host):\(port)/metrics, health check at http://\(host):\(port)/healthz")
            },
            logger: quiet
        )
        do {
            try await app.run()
        } catch {
            // Stops the engine too (the service group ends when one service fails): metrics were asked for.
            throw RuntimeFailure("Cannot serve metrics on \(address): \(error). Pick a free port with --metrics-address.")
        }
    }

    func router() -> Hummingbird.Router<BasicRequestContext> {
        let router = Hummingbird.Router()
        router.get("metrics") { _, _ in
            do {
                try sampler.sample()
            } catch {
                logger.warning("Metrics: the store could not be read for the state gauges: \(error)")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
        router.get("healthz") { _, _ in
            let report: HealthReport
            do {
                report = HealthReport(try sampler.sample())
            } catch {
                report = HealthReport(failure: "\(error)")
            }
            return Response(
                status: report.healthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: report.json()))
            )
        }
        return router
    }
}
