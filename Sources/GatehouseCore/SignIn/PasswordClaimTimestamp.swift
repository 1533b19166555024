import Foundation

/// The TIMESTAMP of a PASSWORD_VERIFIER answer, in the form amazon-cognito-identity-js and
/// pycognito write: `Tue Feb 1 03:04:05 UTC 2022`, English names, the day without a leading zero,
/// UTC. Accepted within ``allowedSkew`` of the server's clock (docs/compatibility.md).
public enum PasswordClaimTimestamp {
    /// How far the timestamp may be from the server's time, either way.
    public static let allowedSkew: TimeInterval = 300

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The time `text` names; `nil` when it is not of that form or names a day that does not exist.
    public static func date(_ text: String) -> Date? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, days.contains(fields[0]), let month = months.firstIndex(of: fields[1]),
              !fields[2].hasPrefix("0"), let day = Int(fields[2]), fields[4] == "UTC", let year = Int(fields[5]),
              fields[5].count == 4 else { return nil }
        let time = fields[3].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 3, time.allSatisfy({ $0.count == 2 }),
              let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second),
              (1...daysInMonth(month + 1, of: year)).contains(day) else { return nil }
        let daysSince1970 = daysFromCivil(year: year, month: month + 1, day: day)
        guard days[((daysSince1970 + 4) % 7 + 7) % 7] == fields[0] else { return nil }  // 1970-01-01 was a Thursday
        return Date(timeIntervalSince1970: TimeInterval(((daysSince1970 * 24 + hour) * 60 + minute) * 60 + second))
    }

    private static func daysInMonth(_ month: Int, of year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days from 1970-01-01 to the Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whether a timestamp's `date` is within ``allowedSkew`` of `now`.
    public static func isAcceptable(_ date: Date, now: Date) -> Bool {
        abs(date.timeIntervalSince(now)) <= allowedSkew
    }

    /// `date` in that form (for tests and clients written here).
    public static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        return "\(days[c.weekday! - 1]) \(months[c.month! - 1]) \(c.day!) "
            + String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!) + " UTC \(c.year!)"
    }
}
