import Foundation

/// A device that a user's sign-ins tracked, as stored: the columns a store looks up by, and the
/// device's state as a document that only the domain reads.
public struct DeviceRecord: Sendable, Equatable {
    public let userPoolID: String
    /// The key of the user the device belongs to (``UserRecord/key``); the device is deleted with that user.
    public let userKey: String
    /// The DeviceKey; unique among the user's devices (compared byte for byte); never changes.
    public let deviceKey: String
    public let creationDate: Date
    public var lastModifiedDate: Date
    /// Whether the device is remembered: the user's own lists show only those, found by an index.
    public var remembered: Bool
    /// The device's state, encoded by the domain.
    public var document: Data

    public init(userPoolID: String, userKey: String, deviceKey: String, creationDate: Date, lastModifiedDate: Date, remembered: Bool,
                document: Data) {
        self.userPoolID = userPoolID
        self.userKey = userKey
        self.deviceKey = deviceKey
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.remembered = remembered
        self.document = document
    }
}
