import AWSWire

/// The profile a command runs with and its settings from the shared files: `--profile`, else
/// `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`, else `default` (botocore's order), read from
/// `~/.aws/config` and `~/.aws/credentials` or the files `AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE` name.
struct SharedProfile: Equatable {
    let name: String
    /// Whether `--profile` named it, which sets the environment's credentials aside.
    let isExplicit: Bool
    /// Its sections of the shared files.
    let sections: SharedProfileSections
    /// Its section of the config file.
    var config: [String: String]? { sections.config }

    /// - Parameter readFile: the text of a file, `nil` when it cannot be read.
    /// - Throws: ``CommandLineError/configuration(_:)`` for a named profile that neither file has.
    static func load(options: GlobalOptions, environment: [String: String],
                     readFile: (String) -> String?) throws(CommandLineError) -> SharedProfile {
        let name = options.profile ?? SharedProfileSections.profileName(environment: environment)
        let sections = SharedProfileSections(profile: name, environment: environment, readFile: readFile)
        if name != "default", sections.config == nil, sections.credentials == nil {
            throw .configuration("The config profile (\(name)) could not be found")
        }
        return SharedProfile(name: name, isExplicit: options.profile != nil, sections: sections)
    }

    /// The output format: `--output`, else `AWS_DEFAULT_OUTPUT`, else the profile's `output`, else `json`.
    /// - Throws: ``CommandLineError/configuration(_:)`` for a format the command line does not know.
    func outputFormat(options: GlobalOptions, environment: [String: String]) throws(CommandLineError) -> String {
        let format = options.output ?? environment["AWS_DEFAULT_OUTPUT"] ?? config?["output"] ?? "json"
        guard GlobalOptions.outputFormats.contains(format) else { throw .configuration("Unknown output type: \(format)") }
        return format
    }
}
