import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// The sandbox's own tables, on the project's database. Klarna request data is kept as JSON
// documents exactly as validated; only what the emulator queries or updates gets a column.

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
/** The namespace a row belongs to (see scope.ts): set on creation, inherited by what follows. */
const namespace = () => text("namespace").notNull().default("default");

export const sandboxKpSessions = pgTable("sandbox_kp_sessions", {
  id: uuid("id").primaryKey(),
  namespace: namespace(),
  /** The validated session request (order data, addresses, merchant_urls, options …). */
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  paymentMethodCategories: jsonb("payment_method_categories").$type<string[]>().notNull(),
  clientToken: text("client_token").notNull(),
  status: text("status", { enum: ["incomplete", "complete"] }).notNull(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
  expiresAt: at("expires_at").notNull(),
});

export const sandboxAuthorizations = pgTable(
  "sandbox_authorizations",
  {
    token: uuid("token").primaryKey(),
    namespace: namespace(),
    kpSessionId: uuid("kp_session_id").notNull(),
    hppSessionId: uuid("hpp_session_id"),
    category: text("category").notNull(),
    consumerEmail: text("consumer_email"),
    status: text("status", { enum: ["valid", "used", "cancelled"] }).notNull(),
    orderId: uuid("order_id"),
    createdAt: at("created_at").notNull(),
    expiresAt: at("expires_at").notNull(),
  },
  (table) => [index("sandbox_authorizations_kp_idx").on(table.kpSessionId)],
);

export const sandboxHppSessions = pgTable(
  "sandbox_hpp_sessions",
  {
    id: uuid("id").primaryKey(),
    namespace: namespace(),
    kpSessionId: uuid("kp_session_id").notNull(),
    merchantUrls: jsonb("merchant_urls").$type<Record<string, string | null | undefined>>().notNull(),
    options: jsonb("options").$type<Record<string, unknown>>().notNull(),
    status: text("status").notNull(),
    /** Categories the consumer was declined for, so payment_fallback can offer the others. */
    declinedCategories: jsonb("declined_categories").$type<string[]>().notNull(),
    authorizationToken: uuid("authorization_token"),
    orderId: uuid("order_id"),
    klarnaReference: text("klarna_reference"),
    distributionToken: text("distribution_token").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [index("sandbox_hpp_sessions_kp_idx").on(table.kpSessionId)],
);

export const sandboxOrders = pgTable("sandbox_orders", {
  id: uuid("id").primaryKey(),
  namespace: namespace(),
  kpSessionId: uuid("kp_session_id").notNull(),
  klarnaReference: text("klarna_reference").notNull().unique(),
  status: text("status", { enum: ["AUTHORIZED", "PART_CAPTURED", "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED"] }).notNull(),
  fraudStatus: text("fraud_status", { enum: ["ACCEPTED", "PENDING", "REJECTED"] }).notNull(),
  /** For a PENDING order: when the fraud review ends, and how. */
  fraudDecisionAt: at("fraud_decision_at"),
  fraudVerdict: text("fraud_verdict", { enum: ["ACCEPTED", "REJECTED"] }),
  /** purchase_country, purchase_currency, locale, order_lines, addresses, references, merchant_data. */
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  orderAmount: bigint("order_amount", { mode: "number" }).notNull(),
  originalOrderAmount: bigint("original_order_amount", { mode: "number" }).notNull(),
  capturedAmount: bigint("captured_amount", { mode: "number" }).notNull(),
  refundedAmount: bigint("refunded_amount", { mode: "number" }).notNull(),
  released: boolean("released").notNull(),
  initialPaymentMethod: jsonb("initial_payment_method").$type<Record<string, unknown>>().notNull(),
  createdAt: at("created_at").notNull(),
  expiresAt: at("expires_at").notNull(),
});

export const sandboxCaptures = pgTable(
  "sandbox_captures",
  {
    id: uuid("id").primaryKey(),
    orderId: uuid("order_id").notNull(),
    sequence: integer("sequence").notNull(),
    capturedAmount: bigint("captured_amount", { mode: "number" }).notNull(),
    refundedAmount: bigint("refunded_amount", { mode: "number" }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    capturedAt: at("captured_at").notNull(),
    /** The consumer's due date once extended (extend-due-date); otherwise the payment term from capture. */
    dueAt: at("due_at"),
  },
  // With the sequence, a capture numbers itself from the highest one without reading the others.
  (table) => [index("sandbox_captures_order_sequence_idx").on(table.orderId, table.sequence)],
);

export const sandboxRefunds = pgTable(
  "sandbox_refunds",
  {
    id: uuid("id").primaryKey(),
    orderId: uuid("order_id").notNull(),
    refundedAmount: bigint("refunded_amount", { mode: "number" }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    refundedAt: at("refunded_at").notNull(),
  },
  (table) => [index("sandbox_refunds_order_idx").on(table.orderId)],
);

/** Replayed responses for Klarna-Idempotency-Key, kept 24 h. */
export const sandboxIdempotency = pgTable("sandbox_idempotency", {
  key: text("key").primaryKey(),
  status: integer("status").notNull(),
  headers: jsonb("headers").$type<Record<string, string>>().notNull(),
  body: text("body").notNull(),
  createdAt: at("created_at").notNull(),
});

/** E-mails and SMS "sent" by the distribution endpoint and capture send-outs, shown at /sandbox/outbox. */
export const sandboxOutbox = pgTable("sandbox_outbox", {
  id: uuid("id").primaryKey(),
  namespace: namespace(),
  /** The HPP session whose link was distributed, or the capture whose invoice was sent again. */
  hppSessionId: uuid("hpp_session_id"),
  captureId: uuid("capture_id"),
  method: text("method", { enum: ["email", "sms", "token"] }).notNull(),
  recipient: text("recipient").notNull(),
  subject: text("subject"),
  body: text("body").notNull(),
  /** The payment link, for a distributed HPP session. */
  link: text("link"),
  locale: text("locale").notNull(),
  createdAt: at("created_at").notNull(),
});

/** Each namespace's clock offset; no row means real time. */
export const sandboxClocks = pgTable("sandbox_clocks", {
  namespace: text("namespace").primaryKey(),
  offsetMs: bigint("offset_ms", { mode: "number" }).notNull(),
  updatedAt: at("updated_at").notNull(),
});

/** Faults injected through the control API, consumed by the requests and callbacks they match. */
export const sandboxFaults = pgTable(
  "sandbox_faults",
  {
    id: uuid("id").primaryKey(),
    namespace: namespace(),
    /** An operation name (`hpp.read_session`, `callback.hpp_status` …) or `*` for all. */
    operation: text("operation").notNull(),
    kind: text("kind", {
      enum: ["latency", "http_error", "reset", "timeout", "minimal_response", "drop_callback", "duplicate_callback", "drop_redirect"],
    }).notNull(),
    status: integer("status"),
    latencyMs: integer("latency_ms"),
    /** Apply after the operation ran (its effect stays, the reply is lost) instead of before. */
    afterOperation: boolean("after_operation").notNull(),
    probability: doublePrecision("probability").notNull(),
    /** How many more times it may fire; null for no limit. */
    remaining: integer("remaining"),
    fired: integer("fired").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("sandbox_faults_namespace_idx").on(table.namespace)],
);

/** The callbacks the sandbox sends: HPP status updates, fraud decisions, KP authorizations. */
export const CALLBACK_KINDS = ["hpp_status", "fraud_notification", "kp_authorization"] as const;

/** Callbacks to the merchant and their delivery state. */
export const sandboxCallbacks = pgTable(
  "sandbox_callbacks",
  {
    /** Klarna's event_id. */
    id: uuid("id").primaryKey(),
    namespace: namespace(),
    kind: text("kind", { enum: CALLBACK_KINDS }).notNull(),
    /** The HPP session, the order or the KP session it is about. */
    subjectId: uuid("subject_id").notNull(),
    url: text("url").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    state: text("state", { enum: ["pending", "delivered", "failed", "dropped"] }).notNull(),
    attempts: integer("attempts").notNull(),
    /** Sandbox time of the next attempt while pending. */
    nextAttemptAt: at("next_attempt_at"),
    /** Real time until which one instance holds the delivery. */
    lockedUntil: at("locked_until"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("sandbox_callbacks_namespace_idx").on(table.namespace, table.createdAt), index("sandbox_callbacks_state_idx").on(table.state)],
);

export const sandboxCallbackAttempts = pgTable(
  "sandbox_callback_attempts",
  {
    id: uuid("id").primaryKey(),
    callbackId: uuid("callback_id").notNull(),
    attempt: integer("attempt").notNull(),
    /** Sandbox time when it was sent. */
    sentAt: at("sent_at").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    latencyMs: integer("latency_ms").notNull(),
  },
  (table) => [index("sandbox_callback_attempts_callback_idx").on(table.callbackId)],
);
