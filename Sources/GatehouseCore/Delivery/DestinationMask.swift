/// How Cognito shows where a code went (CodeDeliveryDetails' Destination): an email as its first
/// character, `***@`, the domain's first character and `***` ("t***@t***" for test@test.com); a
/// phone number as "+", a `*` per hidden digit and its last four digits ("+*******1234").
public enum DestinationMask {
    public static func email(_ address: String) -> String {
        let parts = address.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let local = parts.first?.first.map(String.init) ?? ""
        let domain = parts.count > 1 ? parts[1].first.map(String.init) ?? "" : ""
        return "\(local)***@\(domain)***"
    }

    public static func phoneNumber(_ number: String) -> String {
        let digits = number.filter(\.isNumber)
        return "+" + String(repeating: "*", count: max(digits.count - 4, 0)) + digits.suffix(4)
    }
}
