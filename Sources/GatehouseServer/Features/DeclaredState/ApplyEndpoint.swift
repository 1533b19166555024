import AWSWire
import DeclaredState
import Foundation
import Hummingbird
import Logging

extension DeclaredStateFeature {
    /// `POST /_gatehouse/apply` (what `gatehouse apply` sends): applies the declared state the body
    /// holds as JSON. An admin call: signed by an access key whose policy allows every operation
    /// the apply may call (``actions``) on every pool the body names, or as the server takes admin
    /// calls unsigned (with an `Authorization` header all the same, as every admin call). The
    /// caller is checked before the state is: a refused caller learns nothing of it.
    /// - Returns: 200 `{"Changes": [{"Path", "Change"}]}`; 400 `{"__type": "InvalidParameterException",
    ///   "message", "Path"}` for a state that is not valid or could not be applied, where `Path`
    ///   names the part (the parts before it stay applied).
    func answer(_ request: Request, context: GatehouseRequestContext, admin: AdminAuthorization,
                maximumBodySize: Int) async throws -> Response {
        guard request.headers[.authorization] != nil else { throw AWSServiceError.missingAuthenticationToken }
        let body = Array(try await request.body.collect(upTo: maximumBodySize).readableBytesView)
        let json: JSONNode
        do {
            json = try JSONNode(parsing: body)
        } catch {
            throw AWSServiceError.serialization("The request body is not valid JSON.")
        }
        _ = try admin.authorize(head: request.head, peer: context.remoteAddress, body: body, now: Date()) { _ in
            (json["UserPools"]?.array ?? []).flatMap { pool in
                let id = pool["Id"]?.string ?? ""
                let arn = "arn:aws:cognito-idp:\(DeclaredIDs.region(ofUserPoolID: id) ?? "*"):\(accountID):userpool/\(id)"
                return Self.actions.map { ($0, arn) }
            }
        }
        do throws(DeclarationError) {
            let state = try DeclaredState(json: json)
            let applied = try await apply(state, logger: context.logger)
            let changes = applied.map { JSONNode.object([("Path", .string($0.path)), ("Change", .string($0.change.rawValue))]) }
            return Self.json(.ok, .object([("Changes", .array(changes))]))
        } catch {
            return Self.json(.badRequest, .object([("__type", .string("InvalidParameterException")), ("message", .string(error.message)),
                                                   ("Path", .string(error.path))]))
        }
    }

    static func json(_ status: HTTPResponse.Status, _ body: JSONNode) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: AWSJSON.encode(body))))
    }

    /// The counts of each change, for the log.
    static func summary(_ applied: [AppliedPart]) -> Logger.Metadata {
        var counts: [DeclaredChange: Int] = [:]
        for part in applied { counts[part.change, default: 0] += 1 }
        return Dictionary(uniqueKeysWithValues: [DeclaredChange.created, .updated, .unchanged].map { ($0.rawValue, "\(counts[$0] ?? 0)") })
    }
}
