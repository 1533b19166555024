import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// An app client's terms of use and privacy policy: links that managed login's sign-up page shows
/// once the client has both (docs/compatibility.md § Managed login).
struct TermsFeature: Sendable {
    let directory: UserPoolDirectory
    let items: UserPoolItems
    /// Terms documents.
    let storage: any Storage
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.CreateTerms.self, createTerms)
        registry.register(Operations.DescribeTerms.self, describeTerms)
        registry.register(Operations.ListTerms.self, listTerms)
        registry.register(Operations.UpdateTerms.self, updateTerms)
        registry.register(Operations.DeleteTerms.self, deleteTerms)
    }

    static func notFound(_ termsID: String) -> AWSServiceError {
        .resourceNotFoundException("Terms \(termsID) does not exist.")
    }

    /// The documentation's explanation of TermsExistsException.
    static let exists = AWSServiceError.termsExistsException("Terms document names must be unique to the app client.")

    /// The pool's terms document `termsID` and its record.
    /// - Throws: `ResourceNotFoundException` for the pool (missing, or of another region), then for the document.
    func terms(_ termsID: String, of userPoolID: String, context: CallContext) async throws -> (UserPoolItemRecord, StoredTerms) {
        guard let record = try await items.record(.terms, named: termsID, of: userPoolID, context: context) else { throw Self.notFound(termsID) }
        return (record, try StoredTerms(record: record))
    }
}

/// The terms links managed login's sign-up page shows: both documents' links, in the request's language.
struct TermsLinks {
    let termsOfUse: String
    let privacyPolicy: String
}
