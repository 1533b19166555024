import AWSWire

/// Where a command sends its request and as whom, resolved as the AWS CLI resolves them:
/// options first, then the environment, then the profile's settings in the shared files.
/// Credential sources other than these (SSO, processes, instance metadata) are not read.
struct ClientSettings: Equatable {
    /// Base URL, without a trailing slash.
    let endpoint: String
    let region: String
    /// `nil` with `--no-sign-request`.
    let credentials: AWSCredentials?

    /// - Parameter signs: whether this request is to be signed (not with `--no-sign-request`, nor
    ///   for an operation the model leaves unsigned, which needs no credentials).
    static func resolve(options: GlobalOptions, profile: SharedProfile, environment: [String: String],
                        signs: Bool) throws(CommandLineError) -> ClientSettings {
        let settings = profile.config
        guard let region = options.region ?? environment["AWS_DEFAULT_REGION"] ?? settings?["region"] else {
            throw .notConfigured("You must specify a region. You can also configure your region by running \"aws configure\".")
        }
        let endpoint = options.endpointURL ?? environment["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] ?? environment["AWS_ENDPOINT_URL"]
            ?? settings?["endpoint_url"] ?? "https://cognito-idp.\(region).amazonaws.com"

        var credentials: AWSCredentials?
        if signs {
            // An explicit --profile sets the environment's keys aside, as botocore does.
            credentials = profile.sections.credentials(environment: environment, useEnvironment: !profile.isExplicit)
            guard credentials != nil else {
                throw .notConfigured("Unable to locate credentials. You can configure credentials by running \"aws configure\".")
            }
        }
        return ClientSettings(endpoint: endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint,
                              region: region, credentials: credentials)
    }
}
