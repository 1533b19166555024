/// The profile a command runs with and its settings from the shared files: `--profile`, else
/// `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`, else `default` (botocore's order), read from
/// `~/.aws/config` and `~/.aws/credentials` or the files `AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE` name.
struct SharedProfile: Equatable {
    let name: String
    /// Whether `--profile` named it, which sets the environment's credentials aside.
    let isExplicit: Bool
    /// Its section of the config file.
    let config: [String: String]?
    /// Its section of the credentials file.
    let credentials: [String: String]?

    /// - Parameter readFile: the text of a file, `nil` when it cannot be read.
    /// - Throws: ``CommandLineError/configuration(_:)`` for a named profile that neither file has.
    static func load(options: GlobalOptions, environment: [String: String],
                     readFile: (String) -> String?) throws(CommandLineError) -> SharedProfile {
        let home = environment["HOME"] ?? ""
        func file(_ variable: String, default path: String) -> SharedConfigFile {
            let name = environment[variable] ?? home + path
            return SharedConfigFile(text: readFile(name.hasPrefix("~/") ? home + name.dropFirst() : name) ?? "")
        }
        let name = options.profile ?? environment["AWS_DEFAULT_PROFILE"] ?? environment["AWS_PROFILE"] ?? "default"
        let config = file("AWS_CONFIG_FILE", default: "/.aws/config").configProfile(name)
        let credentials = file("AWS_SHARED_CREDENTIALS_FILE", default: "/.aws/credentials").credentialsProfile(name)
        if name != "default", config == nil, credentials == nil {
            throw .configuration("The config profile (\(name)) could not be found")
        }
        return SharedProfile(name: name, isExplicit: options.profile != nil, config: config, credentials: credentials)
    }

    /// The output format: `--output`, else `AWS_DEFAULT_OUTPUT`, else the profile's `output`, else `json`.
    /// - Throws: ``CommandLineError/configuration(_:)`` for a format the command line does not know.
    func outputFormat(options: GlobalOptions, environment: [String: String]) throws(CommandLineError) -> String {
        let format = options.output ?? environment["AWS_DEFAULT_OUTPUT"] ?? config?["output"] ?? "json"
        guard GlobalOptions.outputFormats.contains(format) else { throw .configuration("Unknown output type: \(format)") }
        return format
    }
}
