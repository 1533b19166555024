/// Reading a request's `Cookie` header and writing `Set-Cookie` values.
public enum Cookies {
    /// The value of the cookie `name` in the `Cookie` header `header`, or `nil`.
    public static func value(named name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingWhitespace == name { return String(parts[1].trimmingWhitespace) }
        }
        return nil
    }

    /// A `Set-Cookie` value: `HttpOnly` and `SameSite=Lax` always, `Secure` unless `insecure`;
    /// `maxAge` seconds (0 removes the cookie), or until the browser closes when `nil`.
    public static func setCookie(_ name: String, value: String, path: String, maxAge: Int?, insecure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if !insecure { parts.append("Secure") }
        parts.append(contentsOf: ["HttpOnly", "SameSite=Lax"])
        return parts.joined(separator: "; ")
    }
}
