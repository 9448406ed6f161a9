import ArgumentParser
import Foundation
import SyncEngine

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Move integrations between machines as a JSON file.",
        subcommands: [Export.self, Import.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every integration's configuration as JSON (secrets left out unless --include-secrets)."
        )

        @OptionGroup var data: DataOptions
        @Option(name: .shortAndLong, help: "Write to FILE instead of standard output.") var output: String?
        @Flag(name: .long, help: "Include the secrets (Cin7 application key, the platform's secret or keys). Keep the file safe.")
        var includeSecrets = false

        func run() async throws {
            let store = try data.openExistingStore()
            let configs = try store.integrations().map { try $0.decodedConfig() }
            let bytes = try ConfigDocument(integrations: configs, includeSecrets: includeSecrets).encoded()
            if let output {
                let previous = umask(0o077)
                defer { umask(previous) }
                try bytes.write(to: URL(fileURLWithPath: output))
                print(
                    "Exported \(configs.count) integration\(configs.count == 1 ? "" : "s") to \(output)\(includeSecrets ? " (with secrets: keep it safe)" : " (without secrets)")"
                )
            } else {
                print(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update integrations from FILE (by name). Nothing is written unless every integration is valid."
        )

        @OptionGroup var data: DataOptions
        @Argument(help: "A file written by `config export`.") var file: String

        func run() async throws {
            let store = try data.openStore()
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw RuntimeFailure("Cannot read \(file): check the path and that you may read it.", status: .noInput)
            }
            do {
                let names = try ConfigDocument.decode(bytes).apply(to: store, actor: Actor.current)
                print("Imported: \(names.joined(separator: ", "))")
            } catch let error as ConfigDocument.ImportError {
                throw RuntimeFailure(error.description, status: .dataError)
            }
        }
    }
}
