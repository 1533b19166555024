/// Why a command failed, with the AWS CLI's exit status for it.
enum CommandLineError: Error, Equatable {
    /// The command line itself is wrong: an unknown option, a missing required one, a value that
    /// does not parse. Printed after the usage lines; exit status 252.
    case usage(String)
    /// A parameter value the command could not use (a file that cannot be read, JSON or
    /// shorthand that does not parse); exit status 252.
    case parameter(String)
    /// The configuration is incomplete: no region, an unknown profile; exit status 253.
    case configuration(String)
    /// No region or no credentials anywhere; exit status 253. Printed without the blank line
    /// before it, as the AWS CLI prints botocore's NoRegionError and NoCredentialsError.
    case notConfigured(String)
    /// The service answered with an error, after `retries` attempts more than the first; exit status 254.
    case service(code: String, operation: String, message: String, retries: Int)
    /// Anything else (the endpoint cannot be reached, the answer cannot be read); exit status 255.
    case other(String)

    var exitStatus: Int32 {
        switch self {
        case .usage, .parameter: 252
        case .configuration, .notConfigured: 253
        case .service: 254
        case .other: 255
        }
    }

    /// What is printed to standard error.
    var message: String {
        switch self {
        case .usage(let text), .parameter(let text), .configuration(let text), .notConfigured(let text), .other(let text): text
        case .service(let code, let operation, let message, let retries):
            "An error occurred (\(code)) when calling the \(operation) operation"
                + (retries > 0 ? " (reached max retries: \(retries))" : "") + ": \(message)"
        }
    }
}
