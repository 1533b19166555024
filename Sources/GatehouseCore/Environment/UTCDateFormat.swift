import Foundation

extension DateFormatter {
    /// A formatter of `pattern` in UTC with the POSIX locale: the same text whatever the machine's settings.
    static func utc(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter
    }
}
