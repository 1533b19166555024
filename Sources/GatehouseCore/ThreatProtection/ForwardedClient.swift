import Foundation

/// The address a request comes from when it may pass through proxies the server trusts: the
/// connection's peer, unless the peer is a trusted proxy; then the nearest address of
/// `X-Forwarded-For` (read from its right end, each proxy appending the address it saw) that is
/// not a trusted proxy. A client can write anything at the left end of the header, so no address
/// left of the first untrusted one is taken; an entry that is not an IP address ends the walk at
/// the proxy that wrote it.
public enum ForwardedClient {
    public static func address(peer: String?, forwardedFor: String?, trustedProxies: [IPAddressRange]) -> String? {
        guard let peer, let forwardedFor, trustedProxies.contains(where: { $0.contains(peer) }) else { return peer }
        var nearest = peer
        for entry in forwardedFor.split(separator: ",").reversed() {
            let address = String(entry.trimmingCharacters(in: .whitespaces))
            guard IPAddressRange.isAddress(address) else { return nearest }
            nearest = address
            if !trustedProxies.contains(where: { $0.contains(address) }) { return address }
        }
        return nearest
    }
}
