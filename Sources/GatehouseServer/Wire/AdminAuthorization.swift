import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import HTTPTypes
import NIOCore

/// Who may call the IAM-authorized operations (the admin API): with an access keys file, a
/// request signed with SigV4 by one of its keys whose policy allows the action on the resource,
/// as AWS checks it; without one, any request from loopback (or from anywhere, when the server
/// was told so), whose `Authorization` header is not checked.
struct AdminAuthorization: Sendable {
    enum Mode: Sendable {
        case signed(AccessKeys)
        case unsignedFromLoopback
        case unsignedFromAnywhere
    }

    let mode: Mode
    /// The account of the pools' ARNs, which policies name as resources.
    let accountID: String
    let signingKeys = SigV4KeyCache()

    static let service = "cognito-idp"

    /// The mode `configuration` asks for.
    /// - Throws: ``StartFailure`` for an unreadable or invalid keys file, and for a server that
    ///   would take unsigned admin calls on an address beyond loopback without being told to.
    init(configuration: GatehouseConfiguration) throws {
        accountID = configuration.accountID
        if let path = configuration.accessKeysFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw StartFailure("cannot read the access keys file \(path)")
            }
            do {
                mode = .signed(try AccessKeys(json: Array(data)))
            } catch {
                throw StartFailure("the access keys file \(path): \(error)")
            }
        } else if configuration.allowUnsignedAdmin {
            mode = .unsignedFromAnywhere
        } else if Self.isLoopback(host: configuration.host) {
            mode = .unsignedFromLoopback
        } else {
            throw StartFailure("listening on \(configuration.host) without --access-keys-file would let anyone who reaches it "
                + "administer every pool: give an access keys file, or --allow-unsigned-admin to accept that")
        }
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// What the server says of its admin API at start.
    var summary: String {
        switch mode {
        case .signed(let keys): "admin calls need a SigV4 signature by one of \(keys.count) access keys, within its policy"
        case .unsignedFromLoopback: "admin calls are taken unsigned, from loopback only (no --access-keys-file)"
        case .unsignedFromAnywhere: "admin calls are taken unsigned from any address (--allow-unsigned-admin)"
        }
    }

    /// Checks a call of the IAM-authorized `operation` that has an `Authorization` header.
    /// - Returns: the region the signature's scope names, for a signed call.
    /// - Throws: AWS's errors for a missing, malformed, unknown or wrong signature
    ///   (``SigV4Verification``), `AccessDeniedException` for an action the key's policy does not
    ///   allow, or, unsigned, for a caller beyond loopback.
    func authorize(_ operation: String, head: HTTPRequest, peer: SocketAddress?, body: [UInt8], now: Date) throws(AWSServiceError) -> String? {
        try authorize(head: head, peer: peer, body: body, now: now) { region in
            [(operation, Self.resource(of: body, region: region, accountID: accountID))]
        }
    }

    /// Checks a call that performs each of `actions` (operations of the API, each on its
    /// resource, given the signature's region), as ``authorize(_:head:peer:body:now:)`` checks one:
    /// the key's policy must allow every one.
    func authorize(head: HTTPRequest, peer: SocketAddress?, body: [UInt8], now: Date,
                   actions: (_ region: String) -> [(operation: String, resource: String)]) throws(AWSServiceError) -> String? {
        switch mode {
        case .unsignedFromAnywhere:
            return nil
        case .unsignedFromLoopback:
            guard let peer, Self.isLoopback(peer) else {
                throw AWSServiceError.accessDeniedException("Gatehouse takes admin calls without an access keys file only from its own machine.")
            }
            return nil
        case .signed(let keys):
            var headers = head.headerFields.map { (name: $0.name.canonicalName, value: $0.value) }
            if let authority = head.authority { headers.append(("host", authority)) }
            let request = SigV4Verification.Request(method: head.method.rawValue, path: head.path ?? "/", headers: headers, body: body)
            let signer = try SigV4Verification.verify(request, service: Self.service, now: now, keyCache: signingKeys) {
                keys.key($0)?.secretAccessKey
            }
            guard let key = keys.key(signer.accessKeyID) else { throw SigV4Verification.unrecognizedClient }
            for (operation, resource) in actions(signer.region) {
                try Self.check(key, action: "\(Self.service):\(operation)", resource: resource)
            }
            return signer.region
        }
    }

    /// The key's policy allows `action` on `resource`.
    /// - Throws: `AccessDeniedException` in AWS's words otherwise.
    static func check(_ key: AccessKeys.Key, action: String, resource: String) throws(AWSServiceError) {
        switch key.policy.decision(action: action, resource: resource) {
        case .allowed:
            return
        case .implicitlyDenied:
            throw AWSServiceError.accessDeniedException("User: \(key.principal) is not authorized to perform: \(action) on resource: "
                + "\(resource) because no identity-based policy allows the \(action) action")
        case .explicitlyDenied:
            throw AWSServiceError.accessDeniedException("User: \(key.principal) is not authorized to perform: \(action) on resource: "
                + "\(resource) with an explicit deny in an identity-based policy")
        }
    }

    /// The resource a call acts on, as policies name it: the pool of its `UserPoolId`, the
    /// `ResourceArn` of the tagging operations, else `*` (CreateUserPool, ListUserPools, and the
    /// domain operations, which name none).
    static func resource(of body: [UInt8], region: String, accountID: String) -> String {
        let input = try? JSONNode(parsing: body)
        if let pool = input?["UserPoolId"]?.string { return "arn:aws:cognito-idp:\(region):\(accountID):userpool/\(pool)" }
        return input?["ResourceArn"]?.string ?? "*"
    }

    static func isLoopback(host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func isLoopback(_ address: SocketAddress) -> Bool {
        guard let ip = address.ipAddress else { return address.protocol == .unix }
        return isLoopback(host: ip) || ip.hasPrefix("::ffff:127.")
    }
}
