import GatehouseCore
import Hummingbird

extension Request {
    /// The request's `application/x-www-form-urlencoded` body (at most 64 KiB, or the error
    /// middleware answers 413), or `nil` when it is not one.
    func formFields() async throws -> FormFields? {
        let body = try await body.collect(upTo: 65_536)
        return FormFields(Substring(String(decoding: body.readableBytesView, as: UTF8.self)))
    }
}
