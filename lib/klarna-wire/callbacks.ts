import { z } from "zod";
import { openEnum, optional, reply } from "./common";
import { HppSessionRead } from "./hpp";

// What Klarna POSTs to the merchant. None of it is signed: the receiver re-reads before acting.

/** HPP merchant_urls.status_update: an event id and the session as a read returns it. */
export const HppStatusCallback = reply({ event_id: z.string().min(1), session: HppSessionRead });
export type HppStatusCallback = z.infer<typeof HppStatusCallback>;

export const FRAUD_EVENTS = ["FRAUD_RISK_ACCEPTED", "FRAUD_RISK_REJECTED", "FRAUD_RISK_STOPPED"] as const;

/** KP merchant_urls.notification, when a pending fraud review ends. */
export const FraudNotification = reply({ order_id: z.string().min(1), event_type: openEnum(FRAUD_EVENTS), event_timestamp: optional(z.string()) });
export type FraudNotification = z.infer<typeof FraudNotification>;

/** KP merchant_urls.authorization, after a successful authorization. */
export const AuthorizationCallback = reply({ authorization_token: z.string().min(1), session_id: z.string().min(1) });
export type AuthorizationCallback = z.infer<typeof AuthorizationCallback>;
