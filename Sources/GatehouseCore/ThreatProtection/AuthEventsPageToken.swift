import AWSWire
import Foundation
import GatehouseStorage

/// AdminListUserAuthEvents' NextToken, in Cognito's form: the last event's id, `#`, and its
/// creation date in ISO 8601 with milliseconds (`…EXAMPLE22222#2024-09-18T21:16:43.495Z`,
/// docs/evidence/threat-protection.md §1). It says no more than the page it follows already showed.
public enum AuthEventsPageToken {
    /// The token of the page that follows the event at `position`.
    public static func token(after position: AuthEventRecord.Position) -> String {
        position.eventID + "#" + format().string(from: position.creationDate)
    }

    /// Where the page a token names starts.
    /// - Throws: `InvalidParameterException` "Invalid pagination token provided." for text of another form.
    public static func position(_ token: String) throws(AWSServiceError) -> AuthEventRecord.Position {
        let parts = token.split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let date = format().date(from: String(parts[1])) else {
            throw .invalidParameterException("Invalid pagination token provided.")
        }
        return AuthEventRecord.Position(creationDate: date, eventID: String(parts[0]))
    }

    private static func format() -> DateFormatter {
        DateFormatter.utc("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
    }
}
