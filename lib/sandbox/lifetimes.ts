import { addMs, HOUR } from "./clock";

// How long Klarna's sessions live relative to each other, for every room that needs it (the HPP
// API, the dashboard, the clock's next deadline).

/** An HPP session expires this long before the KP session it wraps. */
export const HPP_EXPIRY_MARGIN_MS = HOUR;

export const hppExpiresAt = (kpExpiresAt: Date) => addMs(kpExpiresAt, -HPP_EXPIRY_MARGIN_MS);
