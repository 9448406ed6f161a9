import Foundation
import Testing

@testable import SyncEngine

/// The service and the people who SSH in see the same data directory, chosen the same way by every command.
@Suite struct DataDirectoryTests {
    @Test func optionThenEnvironmentThenSystemThenPerUser() {
        let env = ["CIN7BRIDGE_DATA_DIR": "/srv/bridge", "XDG_DATA_HOME": "/home/a/.data", "HOME": "/home/a"]
        #expect(
            DataDirectory.choose(option: "/tmp/x", environment: env, systemDirectoryExists: true)
                == .init(url: URL(fileURLWithPath: "/tmp/x"), origin: "--data-dir")
        )
        #expect(DataDirectory.choose(option: nil, environment: env, systemDirectoryExists: true).url.path == "/srv/bridge")
        #expect(DataDirectory.choose(option: nil, environment: env, systemDirectoryExists: true).origin == "CIN7BRIDGE_DATA_DIR")
        var noVariable = env
        noVariable["CIN7BRIDGE_DATA_DIR"] = nil
        #expect(DataDirectory.choose(option: nil, environment: noVariable, systemDirectoryExists: true).url.path == "/var/lib/cin7bridge")
        #expect(DataDirectory.choose(option: nil, environment: noVariable, systemDirectoryExists: false).url.path == "/home/a/.data/cin7bridge")
        noVariable["XDG_DATA_HOME"] = nil
        #expect(
            DataDirectory.choose(option: nil, environment: noVariable, systemDirectoryExists: false).url.path == "/home/a/.local/share/cin7bridge"
        )
    }

    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-dd-\(UUID().uuidString)")
    }

    func mode(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1 }

    @Test func aGroupSharedDirectoryKeepsItsModeAndGetsGroupFiles() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o2770], ofItemAtPath: directory.path)
        let store = try SQLiteStore(directory: directory)
        _ = try store.integrations()
        #expect(mode(directory.path) == 0o2770)
        #expect(mode(store.path) == 0o660)
        #expect(DataDirectory.fileMode(forFileAt: directory.appendingPathComponent("cin7bridge.log").path) == 0o660)
    }

    @Test func aPrivateDirectoryIsTightened() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let store = try SQLiteStore(directory: directory)
        #expect(mode(directory.path) == 0o700)
        #expect(mode(store.path) == 0o600)
    }

    @Test func openingExistingDataNeverCreatesADatabase() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: StoreError.notFound(path: directory.appendingPathComponent(SQLiteStore.fileName).path)) {
            try SQLiteStore(existingIn: directory)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        _ = try SQLiteStore(directory: directory)
        #expect(throws: Never.self) { try SQLiteStore(existingIn: directory) }
    }
}

/// Who an operator action is recorded as.
@Suite struct ActorTests {
    @Test func theLoginNameWithoutSSHAndTheAddressWithIt() {
        #expect(Actor.describe(environment: ["USER": "alice"], accountName: "root") == "alice")
        #expect(Actor.describe(environment: [:], accountName: "cin7bridge") == "cin7bridge")
        #expect(Actor.describe(environment: ["LOGNAME": "bob", "SSH_CLIENT": "10.1.2.3 51234 22"], accountName: nil) == "bob@10.1.2.3")
        #expect(!Actor.current.isEmpty && Actor.current != "unknown")
    }
}
