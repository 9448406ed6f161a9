import ArgumentParser

/// `run`'s options for the Prometheus endpoint (`/metrics`) and the health check (`/healthz`).
struct MetricsOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve Prometheus metrics at /metrics and the health check at /healthz on HOST:PORT, e.g. 127.0.0.1:9464 (off when absent).",
            valueName: "host:port"
        )
    )
    var metricsAddress: String?

    @Flag(name: .long, help: "Allow --metrics-address on an address other than loopback (the endpoints have no authentication).")
    var metricsAllowRemote = false

    /// The address to serve on, nil when metrics are off.
    var address: MetricsAddress? {
        get throws {
            guard let text = metricsAddress else {
                if metricsAllowRemote { throw ValidationError("--metrics-allow-remote needs --metrics-address.") }
                return nil
            }
            guard let address = MetricsAddress(text) else {
                throw ValidationError("--metrics-address \(text) is not HOST:PORT (for example 127.0.0.1:9464).")
            }
            if !address.isLoopback && !metricsAllowRemote {
                throw ValidationError(
                    "--metrics-address \(text) is not a loopback address: /metrics and /healthz have no authentication, so anyone who can "
                        + "reach it could read them. Use 127.0.0.1:\(address.port), or add --metrics-allow-remote to serve it anyway "
                        + "(behind a firewall that admits only your Prometheus)."
                )
            }
            return address
        }
    }

    func validate() throws {
        _ = try address
    }
}
