/** An HTTP Basic authorization header value. */
export const basicAuth = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

/** The sandbox's development credentials (KLARNA_USERNAME / KLARNA_PASSWORD default to sandbox / sandbox). */
export const SANDBOX_AUTH = { authorization: basicAuth("sandbox", "sandbox") };
