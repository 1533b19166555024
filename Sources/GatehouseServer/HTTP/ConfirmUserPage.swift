import GatehouseCore
import Hummingbird

/// The pages `GET /confirmUser` (a sign-up link) answers with: Cognito's hosted-UI confirmation
/// text, or its error text followed by the reason (docs/compatibility.md).
enum ConfirmUserPage {
    /// 200: the sign-up is confirmed.
    static var confirmed: Response { page(.ok, paragraphs: ["Your registration has been confirmed!"]) }

    /// 400: nothing was confirmed, for `reason`.
    static func failed(_ reason: String) -> Response {
        page(.badRequest, paragraphs: ["An error was encountered with the requested page.", reason])
    }

    private static func page(_ status: HTTPResponse.Status, paragraphs: [String]) -> Response {
        let body = paragraphs.map { "<p>\($0.htmlEscaped)</p>" }.joined()
        let html = #"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Confirm registration</title></head><body>"#
            + body + "</body></html>\n"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
