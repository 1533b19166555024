import AWSWire
import Foundation

/// Something revoked by id, remembered until what it revokes would have expired anyway: a sign-in
/// (its `origin_jti`) revoked by RevokeToken, or a refresh token (its id) rotated out, which works
/// until `usableUntil` (the client's RetryGracePeriodSeconds).
public struct Revocation: JSONCodable, Sendable, Equatable {
    public let id: String
    public let expiry: Date
    public let usableUntil: Date?

    public init(id: String, expiry: Date, usableUntil: Date? = nil) {
        self.id = id
        self.expiry = expiry
        self.usableUntil = usableUntil
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard let id = json["Id"]?.string, let expiry = json["Expiry"] else {
            throw JSONDecodeFailure(expected: "structure").inside("Id")
        }
        self.id = id
        self.expiry = try Date(json: expiry)
        usableUntil = try json["UsableUntil"].map { node throws(JSONDecodeFailure) in try Date(json: node) }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Id", id)
        writer.member("Expiry", expiry)
        if let usableUntil { writer.member("UsableUntil", usableUntil) }
        writer.endObject()
    }
}
