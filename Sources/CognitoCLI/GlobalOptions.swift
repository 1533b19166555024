/// The options every command takes, wherever they stand on the command line (the AWS CLI's
/// global options that this command line implements).
struct GlobalOptions: Equatable {
    var endpointURL: String?
    var region: String?
    var profile: String?
    /// `json` (the default), `yaml`, `text` or `table`.
    var output: String?
    /// `--query`: a JMESPath expression applied to the response before it is printed.
    var query: String?
    var signsRequests = true
    /// `false` with `--no-paginate`: a paginated operation makes one call.
    var paginates = true
    var debug = false

    /// The output formats `--output` accepts.
    static let outputFormats = ["json", "yaml", "text", "table"]

    /// Takes the global options out of `arguments` and returns them with what is left, in order.
    /// `--name value` and `--name=value` are both read.
    static func extract(from arguments: [String]) throws(CommandLineError) -> (GlobalOptions, [String]) {
        var options = GlobalOptions()
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            let (name, inlineValue) = Self.split(argument)
            func value() throws(CommandLineError) -> String {
                if let inlineValue { return inlineValue }
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw .usage("argument \(name): expected one argument")
                }
                index += 1
                return arguments[index - 1]
            }
            switch name {
            case "--endpoint-url":
                let url = try value()
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    throw .parameter("Bad value for --endpoint-url \"\(url)\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/")
                }
                options.endpointURL = url
            case "--region": options.region = try value()
            case "--profile": options.profile = try value()
            case "--query": options.query = try value()
            case "--output":
                let format = try value()
                guard outputFormats.contains(format) else {
                    throw .usage("argument --output: Invalid choice, valid choices are:\n\n" + outputFormats.joined(separator: " | "))
                }
                options.output = format
            case "--no-sign-request" where inlineValue == nil: options.signsRequests = false
            case "--no-paginate" where inlineValue == nil: options.paginates = false
            case "--debug" where inlineValue == nil: options.debug = true
            default: rest.append(argument)
            }
        }
        return (options, rest)
    }

    /// `--name=value` → (`--name`, `value`); anything else → (itself, `nil`).
    static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
