import ArgumentParser
import Foundation
import GatehouseServer

/// The options that name a Gatehouse database, for every command that opens one.
struct StoreOptions: ParsableArguments {
    @Option(help: "Directory of the SQLite database and the master key file [GATEHOUSE_DATA_DIR, default ./gatehouse-data].")
    var dataDir: String?
    @Option(help: "PostgreSQL URL postgres://user:password@host:port/db; SQLite when absent [GATEHOUSE_DATABASE_URL].")
    var databaseURL: String?

    /// Sets the configuration's database from the options, else from the environment.
    func apply(to configuration: inout GatehouseConfiguration, environment: [String: String]) {
        configuration.dataDirectory = dataDir ?? environment["GATEHOUSE_DATA_DIR"] ?? configuration.dataDirectory
        configuration.databaseURL = databaseURL ?? environment["GATEHOUSE_DATABASE_URL"]
    }
}

/// The option that names the master key file, for the commands that open the server's secrets.
struct MasterKeyOption: ParsableArguments {
    @Option(help: "File of the master key that wraps the server's secrets [GATEHOUSE_MASTER_KEY_FILE, or the key itself in GATEHOUSE_MASTER_KEY; default <data dir>/master.key, made on the first start].")
    var masterKeyFile: String?

    /// Sets the configuration's master key from the option, else from the environment.
    func apply(to configuration: inout GatehouseConfiguration, environment: [String: String]) {
        configuration.masterKeyFile = masterKeyFile ?? environment["GATEHOUSE_MASTER_KEY_FILE"]
        configuration.masterKey = environment["GATEHOUSE_MASTER_KEY"]
    }
}
