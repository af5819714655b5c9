import "server-only";
import { config } from "@/lib/config";
import { sign, unsign } from "@/lib/signing";

// The keys our own URLs carry (not pay-by-link, which is payment-links.ts): the shopper's order page,
// the return URLs Klarna sends the browser back to, and the callbacks Klarna posts to. Each key is
// an HMAC of the order, so a guessed reference or session id shows nothing and opens nothing.

const ORDER_PAGE = "order-page";
const RETURN_URL = "return-url";
const AUTHORIZATION_CALLBACK = "authorization-callback";
const NOTIFICATION = "notification";

const keyFor = (value: string, purpose: string) => sign(value, purpose).slice(value.length + 1);
const verify = (value: string, key: string | null | undefined, purpose: string) => Boolean(key) && unsign(`${value}.${key}`, purpose) === value;

export const orderPageKey = (reference: string) => keyFor(reference, ORDER_PAGE);
export const orderPagePath = (reference: string) => `/orders/${encodeURIComponent(reference)}?k=${orderPageKey(reference)}`;
export const verifyOrderPageKey = (reference: string, key: string | null | undefined) => verify(reference, key, ORDER_PAGE);

export const returnKey = (orderId: string) => keyFor(orderId, RETURN_URL);
export const verifyReturnKey = (orderId: string, key: string | null | undefined) => verify(orderId, key, RETURN_URL);

/** KP's authorization and notification callback URLs carry one too: Klarna's callbacks are unsigned. */
export const authorizationCallbackKey = (orderId: string) => keyFor(orderId, AUTHORIZATION_CALLBACK);
export const verifyAuthorizationCallbackKey = (orderId: string, key: string | null | undefined) => verify(orderId, key, AUTHORIZATION_CALLBACK);
export const notificationKey = (orderId: string) => keyFor(orderId, NOTIFICATION);
export const verifyNotificationKey = (orderId: string, key: string | null | undefined) => verify(orderId, key, NOTIFICATION);

export const absoluteUrl = (path: string) => `${config().appUrl}${path}`;
