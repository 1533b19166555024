import AWSWire
import Foundation

/// `--starting-token`, `--page-size` and `--max-items`, as given.
struct PagingArguments: Equatable {
    var startingToken: String?
    var pageSize: Int?
    var maxItems: Int?

    /// The options given, as the command line names them.
    var given: [String] {
        [startingToken.map { _ in "--starting-token" }, pageSize.map { _ in "--page-size" }, maxItems.map { _ in "--max-items" }]
            .compactMap { $0 }
    }
}

/// Pages through a list operation as botocore's `PageIterator` does for the AWS CLI: the page size
/// goes in the limit member, each page's token into the next request, and with `--max-items` the
/// pages stop there, with a `NextToken` to go on from (base64 of
/// `{"<token member>": …, "boto_truncate_amount": n}`, which `--starting-token` takes back).
struct Paginator {
    let pagination: ModelPagination
    let arguments: PagingArguments

    /// The pages, each cut to what is shown, and the token to resume from when `--max-items` cut them short.
    func pages(firstRequest: JSONNode, send: (JSONNode) async throws(CommandLineError) -> JSONNode)
        async throws(CommandLineError) -> (pages: [JSONNode], resumeToken: String?) {
        var request = firstRequest
        var token: JSONNode = .null
        var skip = 0
        if let starting = arguments.startingToken {
            (token, skip) = try Self.decode(starting, inputToken: pagination.inputToken)
            request = request.setting(pagination.inputToken, to: token)
        }
        if let limitKey = pagination.limitKey, let pageSize = arguments.pageSize {
            request = request.setting(limitKey, to: .number(String(pageSize)))
        }
        var pages: [JSONNode] = []
        var total = 0
        var previousToken: JSONNode?
        while true {
            var page = try await send(request)
            var items = page[pagination.resultKey]?.array ?? []
            if pages.isEmpty, skip > 0 { items = Array(items.dropFirst(skip)) } else { skip = 0 }
            if let maxItems = arguments.maxItems, total + items.count > maxItems {
                let keep = maxItems - total
                page = page.setting(pagination.resultKey, to: .array(Array(items.prefix(keep))))
                pages.append(page)
                return (pages, Self.encode(.object([(pagination.inputToken, token), ("boto_truncate_amount", .number(String(keep + skip)))])))
            }
            page = page.setting(pagination.resultKey, to: .array(items))
            pages.append(page)
            total += items.count
            let next = page[pagination.outputToken] ?? .null
            if next == .null || next == .string("") { return (pages, nil) }
            if let maxItems = arguments.maxItems, total == maxItems {
                return (pages, Self.encode(.object([(pagination.inputToken, next)])))
            }
            if next == previousToken { throw .other("Error during pagination: The same next token was received twice: \(next)") }
            previousToken = next
            token = next
            request = request.setting(pagination.inputToken, to: next)
        }
    }

    /// What the AWS CLI prints of paginated calls: all the pages' items, then `NextToken` if cut short.
    func fullResult(_ pages: [JSONNode], resumeToken: String?) -> JSONNode {
        let items = pages.flatMap { $0[pagination.resultKey]?.array ?? [] }
        var pairs: [(key: String, value: JSONNode)] = [(pagination.resultKey, .array(items))]
        if let resumeToken { pairs.append(("NextToken", .string(resumeToken))) }
        return .object(pairs)
    }

    /// botocore's token: base64 of its JSON (Python's separators).
    static func encode(_ token: JSONNode) -> String {
        Data(JSONOutput.compact(token).utf8).base64EncodedString()
    }

    /// The service token and the items to skip of a `--starting-token`; a token that is not one of
    /// ours is taken as the service's own.
    static func decode(_ token: String, inputToken: String) throws(CommandLineError) -> (JSONNode, Int) {
        guard let data = Data(base64Encoded: token), let json = try? JSONNode(parsing: Array(data)), case .object(let pairs) = json else {
            return (.string(token), 0)
        }
        guard pairs.allSatisfy({ $0.key == inputToken || $0.key == "boto_truncate_amount" }) else {
            throw .parameter("Bad starting token: \(token)")
        }
        return (json[inputToken] ?? .null, json["boto_truncate_amount"]?.int ?? 0)
    }
}

extension JSONNode {
    /// An object with `key` set to `value` (in its place if present, else last); `.null` removes it.
    func setting(_ key: String, to value: JSONNode) -> JSONNode {
        guard case .object(var pairs) = self else { return self }
        if value == .null || value == .string("None") {
            pairs.removeAll { $0.key == key }
        } else if let index = pairs.firstIndex(where: { $0.key == key }) {
            pairs[index].value = value
        } else {
            pairs.append((key, value))
        }
        return .object(pairs)
    }
}
