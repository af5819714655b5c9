import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// The sandbox's own tables, on the project's database. Klarna request data is kept as JSON
// documents exactly as validated; only what the emulator queries or updates gets a column.

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const sandboxKpSessions = pgTable("sandbox_kp_sessions", {
  id: uuid("id").primaryKey(),
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
  },
  (table) => [index("sandbox_captures_order_idx").on(table.orderId)],
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

/** E-mails and SMS "sent" by the distribution endpoint, shown at /sandbox/outbox. */
export const sandboxOutbox = pgTable("sandbox_outbox", {
  id: uuid("id").primaryKey(),
  hppSessionId: uuid("hpp_session_id").notNull(),
  method: text("method", { enum: ["email", "sms", "token"] }).notNull(),
  recipient: text("recipient").notNull(),
  subject: text("subject"),
  body: text("body").notNull(),
  link: text("link").notNull(),
  locale: text("locale").notNull(),
  createdAt: at("created_at").notNull(),
});
