// swift-tools-version:6.1
import PackageDescription

/// Our targets only (dependencies keep their own settings): Swift 6 language mode, and no warnings.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .unsafeFlags(["-warnings-as-errors"]),
]

let package = Package(
    name: "Cin7Bridge",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cin7bridge", targets: ["cin7bridge"]),
        .executable(name: "cin7bridge-bench", targets: ["cin7bridge-bench"]),
        .library(name: "BridgeSupport", targets: ["BridgeSupport"]),
        .library(name: "Cin7Core", targets: ["Cin7Core"]),
        .library(name: "CartonCloud", targets: ["CartonCloud"]),
        .library(name: "ShipStation", targets: ["ShipStation"]),
        .library(name: "Starshipit", targets: ["Starshipit"]),
        .library(name: "SyncEngine", targets: ["SyncEngine"]),
        .library(name: "Simulators", targets: ["Simulators"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .library(name: "BridgeUI", targets: ["BridgeUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: API clients
        .target(
            name: "BridgeSupport",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Cin7Core",
            dependencies: ["BridgeSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CartonCloud",
            dependencies: ["BridgeSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ShipStation",
            dependencies: ["BridgeSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Starshipit",
            dependencies: ["BridgeSupport"],
            swiftSettings: swiftSettings
        ),
        // MARK: Engine
        .target(
            name: "SyncEngine",
            dependencies: [
                "BridgeSupport",
                "Cin7Core",
                "CartonCloud",
                "ShipStation",
                "Starshipit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // MARK: Simulators
        .target(
            name: "Simulators",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The live demo's world (both simulators seeded to agree) and its storyline, for `cin7bridge demo`/`simulate`
        /// and the benchmarks.
        .target(name: "Demo", dependencies: ["Simulators"], swiftSettings: swiftSettings),
        // MARK: Terminal UI
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "TerminalUI",
            dependencies: ["CNcursesw"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BridgeUI",
            dependencies: ["TerminalUI", "SyncEngine", "BridgeSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // MARK: Executables
        .executableTarget(
            name: "cin7bridge",
            dependencies: [
                "BridgeUI", "SyncEngine", "Simulators", "Demo", "BridgeSupport", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cin7bridge-bench",
            dependencies: [
                "SyncEngine", "Simulators", "Demo", "BridgeUI", "TerminalUI", "BridgeSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // MARK: Tests
        /// Helpers shared by test targets that start processes (child processes, tmux sessions).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        /// The harness of tests that run the engine against both simulators (`EngineBed`), and the invariants they check.
        .target(
            name: "EngineTestSupport",
            dependencies: ["SyncEngine", "Simulators", "BridgeSupport", .product(name: "Logging", package: "swift-log")],
            path: "Tests/EngineTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BridgeSupportTests",
            dependencies: ["BridgeSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "Cin7CoreTests",
            dependencies: ["Cin7Core", "Simulators", "BridgeSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CartonCloudTests", dependencies: ["CartonCloud", "Simulators", "BridgeSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ShipStationTests", dependencies: ["ShipStation", "Simulators", "BridgeSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "StarshipitTests", dependencies: ["Starshipit", "Simulators", "BridgeSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SimulatorsTests",
            dependencies: [
                "Simulators",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SyncEngineTests",
            dependencies: [
                "SyncEngine", "Simulators", "TestSupport", "EngineTestSupport", "BridgeSupport", "CartonCloud", "Cin7Core", "ShipStation",
                "Starshipit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "Cin7Core", "CartonCloud", "SyncEngine", "Simulators", "BridgeSupport", "TestSupport", "EngineTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BridgeUITests",
            dependencies: ["BridgeUI", "TerminalUI", "SyncEngine", "BridgeSupport"],
            // Golden files, read from the source tree by `Snapshot` (so recording rewrites them in place).
            exclude: ["__Snapshots__"],
            swiftSettings: swiftSettings
        ),
        // Drives the real `cin7bridge` binary in tmux (build it first: `swift build --build-tests` does).
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"], swiftSettings: swiftSettings),
    ]
)
