import AWSWire
import CognitoModel

/// Where a code for a user goes: the attribute (email or phone_number), its medium and value.
public struct CodeDestination: Sendable, Equatable {
    public let attributeName: String
    public let medium: DeliveryMediumType
    public let address: String

    public init(attributeName: String, address: String) {
        self.attributeName = attributeName
        self.medium = attributeName == "phone_number" ? .sms : .email
        self.address = address
    }

    /// As CodeDeliveryDetails shows it: the address masked (``DestinationMask``).
    public var details: CodeDeliveryDetailsType {
        CodeDeliveryDetailsType(destination: medium == .sms ? DestinationMask.phoneNumber(address) : DestinationMask.email(address),
                                deliveryMedium: medium, attributeName: attributeName)
    }

    /// Where a sign-up confirmation code goes: an attribute of AutoVerifiedAttributes the user has,
    /// the phone number first when the pool verifies both; `nil` when there is none.
    public static func signUp(_ user: StoredUser, pool: UserPoolType) -> CodeDestination? {
        let verified = (pool.autoVerifiedAttributes ?? []).map(\.rawValue)
        for name in ["phone_number", "email"] where verified.contains(name) {
            if let address = user.attribute(name) { return CodeDestination(attributeName: name, address: address) }
        }
        return nil
    }

    /// Whether the pool confirms sign-up emails with a link: VerificationMessageTemplate's
    /// DefaultEmailOption is CONFIRM_WITH_LINK.
    public static func sendsLinks(_ pool: UserPoolType) -> Bool {
        pool.verificationMessageTemplate?.defaultEmailOption == .confirmWithLink
    }

    /// Whether a sign-up confirmation sent here is a link (an email of a pool that ``sendsLinks(_:)``)
    /// rather than a code.
    public func carriesLink(in pool: UserPoolType) -> Bool {
        medium == .email && Self.sendsLinks(pool)
    }

    /// Cognito's error for a link that needs a domain the pool does not have (sic "use pool").
    public static let missingDomain = AWSServiceError.invalidParameterException(
        "Cannot perform specific action because there does not exist a valid use pool domain associated with the user pool")

    /// Checks that the pool can send a sign-up confirmation here: a link points at the pool's
    /// domain, so a pool without a domain cannot send one.
    /// - Throws: ``missingDomain``.
    public func checkSignUpConfirmation(in pool: UserPoolType, hasDomain: Bool) throws(AWSServiceError) {
        guard carriesLink(in: pool), !hasDomain else { return }
        throw Self.missingDomain
    }

    /// Where a code seems to go for a user that does not exist, to a client that hides users: where
    /// a real user's most likely goes in this pool (a reset code: the first recovery mechanism whose
    /// attribute the pool verifies at sign-up, else the first; a sign-up code: the phone number when
    /// the pool verifies it, else the email), at an address made up
    /// from the name (an email) or from `digits`, ten digits a server secret derives from the name
    /// (a phone number), so that the same name always shows the same and no one can tell it apart.
    /// - Throws: what ``recovery(_:pool:)`` throws a real user when recovery is admin_only.
    public static func simulated(_ purpose: PendingCode.Purpose, name: String, digits: String,
                                 pool: UserPoolType) throws(AWSServiceError) -> CodeDestination {
        let attribute: String
        if purpose == .passwordReset {
            let mechanisms = recoveryOrder(pool)
            if mechanisms == ["admin_only"] { throw adminOnly }
            let verified = (pool.autoVerifiedAttributes ?? []).map(\.rawValue)
            attribute = mechanisms.first(where: verified.contains) ?? mechanisms.first ?? "phone_number"
        } else {
            attribute = (pool.autoVerifiedAttributes ?? []).contains(.phoneNumber) ? "phone_number" : "email"
        }
        return attribute == "phone_number" ? CodeDestination(attributeName: attribute, address: "+1" + digits)
            : CodeDestination(attributeName: "email", address: name)
    }

    /// The pool's AccountRecoverySetting mechanisms by priority, as attribute names (`admin_only` as it is).
    static func recoveryOrder(_ pool: UserPoolType) -> [String] {
        (pool.accountRecoverySetting?.recoveryMechanisms ?? []).sorted { ($0.priority ?? 0) < ($1.priority ?? 0) }
            .compactMap(\.name?.rawValue).map { $0.replacingOccurrences(of: "verified_", with: "") }
    }

    static let adminOnly = AWSServiceError.notAuthorizedException("Contact administrator to reset password.")

    /// Where a password reset code goes: the first of the pool's AccountRecoverySetting mechanisms
    /// (by priority) that the user has verified; without that setting, the verified phone number,
    /// then the verified email.
    /// - Throws: `NotAuthorizedException` when recovery is admin_only; `InvalidParameterException`
    ///   when the user has nothing verified to send to.
    public static func recovery(_ user: StoredUser, pool: UserPoolType) throws(AWSServiceError) -> CodeDestination {
        let mechanisms = recoveryOrder(pool)
        if mechanisms == ["admin_only"] { throw adminOnly }
        let order = mechanisms.isEmpty ? ["phone_number", "email"] : mechanisms
        for name in order where user.isVerified(name) {
            if let address = user.attribute(name) { return CodeDestination(attributeName: name, address: address) }
        }
        throw .invalidParameterException("Cannot reset password for the user as there is no registered/verified email or phone_number")
    }
}
