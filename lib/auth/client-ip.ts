/** The header in which the custom server passes the client's address to Next.js (any client value is overwritten). */
export const CLIENT_IP_HEADER = "x-shop-client-ip";

// IPv4 peers of a dual-stack socket arrive as ::ffff:a.b.c.d.
const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/**
 * The address a request came from, for per-address sign-in limits. Behind a trusted reverse proxy
 * the socket's peer is the proxy, so X-Forwarded-For is read from the right, past every trusted
 * hop, to the first address no trusted proxy added. A client cannot choose it: what it writes into
 * X-Forwarded-For sits left of that. Without trusted proxies the header is ignored.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: readonly string[]): string {
  const trusted = new Set(trustedProxies.map(plain));
  let address = plain(peer ?? "unknown");
  const hops = [forwardedFor ?? []].flat().join(",").split(",").map(plain).filter(Boolean);
  while (trusted.has(address) && hops.length > 0) address = hops.pop()!;
  return address;
}
