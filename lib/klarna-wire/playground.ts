// Klarna's playground test data that both sides rely on: the storefront pre-fills its checkout
// with these personas and the sandbox decides authorizations by them.

/** Purchase countries where Klarna's playground holds an order for a fraud review (+pend-accept-NN, +pend-reject-NN). */
export const REVIEW_PERSONA_COUNTRIES = ["US", "GB"];
