/** The header in which the custom server passes the peer's address to Next.js (any client value is overwritten). */
export const CLIENT_IP_HEADER = "x-shop-client-ip";
