import ArgumentParser
import BridgeSupport
import Foundation
import Logging
import ServiceLifecycle
import SyncEngine

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Sync every enabled integration headless until SIGTERM/SIGINT (the call in flight finishes first).",
        discussion: "Integrations added or changed while it runs are picked up within seconds. Logs go to cin7bridge.log in the data directory."
    )

    @OptionGroup var data: DataOptions

    @Flag(name: .long, help: "Allow plain HTTP to hosts other than this machine (never needed for the real Cin7 or platforms).")
    var allowInsecureHTTP = false

    @Option(name: .long, help: "How cin7bridge.log is written: text, or json (one object per line, for log shippers).")
    var logFormat: RotatingFileLogHandler.Format = .text

    @OptionGroup var metrics: MetricsOptions

    @Option(name: .long, help: "Hours between reconciliations of each integration (see `cin7bridge reconcile`); 0 turns them off.")
    var reconcileEvery: Double = 24

    @Option(
        name: .long,
        help:
            "Seconds an integration's owner may go without a heartbeat before another run process (on this host or another sharing the database) takes it over."
    )
    var leaseTimeout: Double = IntegrationEngine.defaultLeaseTimeout

    func validate() throws {
        if reconcileEvery < 0 || !reconcileEvery.isFinite { throw ValidationError("--reconcile-every takes hours, 0 or more.") }
        if !(3...3600).contains(leaseTimeout) { throw ValidationError("--lease-timeout takes seconds, from 3 to 3600.") }
    }

    func run() async throws {
        data.bootstrapLogging(format: logFormat, noticesToStandardError: true)
        let store = try data.openStore()
        let logger = Logger(label: "cin7bridge.run")
        let host = EngineHost(
            store: store,
            logger: logger,
            allowInsecureHTTP: allowInsecureHTTP,
            reconciliationEvery: reconcileEvery * 3600,
            leaseTimeout: leaseTimeout
        )
        let metricsServer = try metrics.server(store: store, logger: logger)
        let services: [ServiceGroupConfiguration.ServiceConfiguration] =
            [.init(service: EngineService(host: host))] + (metricsServer.map { [.init(service: $0)] } ?? [])
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        let integrations = (try? store.integrations().filter(\.enabled).count) ?? 0
        logger.notice(
            "cin7bridge run started: \(integrations) enabled integration\(integrations == 1 ? "" : "s") in \(data.directory.path) (\(data.choice.origin))"
        )
        try await group.run()
        logger.notice("cin7bridge run stopped")
    }
}
