import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

// One schema for PGlite and Postgres. Money is integer minor units; timestamps end in `At`.

export const categories = pgTable("categories", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
});

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    categorySlug: text("category_slug")
      .notNull()
      .references(() => categories.slug),
    imagePath: text("image_path").notNull(),
    stock: integer("stock").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("products_stock_non_negative", sql`${table.stock} >= 0`), index("products_category_idx").on(table.categorySlug)],
);

/** A product's price in one market: VAT included in VAT markets, before sales tax in the US. */
export const productPrices = pgTable(
  "product_prices",
  {
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    market: text("market").notNull(),
    unitPriceMinor: integer("unit_price_minor").notNull(),
  },
  (table) => [primaryKey({ columns: [table.productId, table.market] }), check("product_prices_positive", sql`${table.unitPriceMinor} > 0`)],
);

export const carts = pgTable("carts", {
  id: uuid("id").primaryKey().defaultRandom(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const cartItems = pgTable(
  "cart_items",
  {
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.cartId, table.productId] }), check("cart_items_quantity_range", sql`${table.quantity} between 1 and 99`)],
);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["admin", "viewer"] }).notNull(),
  /** Raised at sign-out: a session issued under an older version is no longer accepted. */
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const ORDER_STATUSES = [
  "pending_payment",
  "authorized",
  "part_captured",
  "captured",
  "part_refunded",
  "refunded",
  "cancelled",
  "payment_failed",
  "expired",
  "needs_attention",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** The statuses of an order the shopper has paid for. */
export const PAID_STATUSES: readonly OrderStatus[] = ["authorized", "part_captured", "captured", "part_refunded", "refunded"];

/** The merchant's order. Amounts are what the shopper was charged, in the market's currency. */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull().unique(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    market: text("market").notNull(),
    currency: text("currency").notNull(),
    locale: text("locale").notNull(),
    /** The cart the order came from, emptied once the order is paid. */
    cartId: uuid("cart_id"),
    customer: jsonb("customer").$type<OrderCustomer>().notNull(),
    checkoutOptions: jsonb("checkout_options").$type<Record<string, unknown>>().notNull(),
    subtotalMinor: integer("subtotal_minor").notNull(),
    taxMinor: integer("tax_minor").notNull(),
    totalMinor: integer("total_minor").notNull(),
    channel: text("channel", { enum: ["ECOMMERCE", "TELESALES", "IN_STORE"] })
      .notNull()
      .default("ECOMMERCE"),
    /** In sandbox mode, the namespace the shopper's test run asked for (see the sandbox's README section). */
    sandboxNamespace: text("sandbox_namespace"),
    kpSessionId: text("kp_session_id"),
    kpSessionExpiresAt: timestamp("kp_session_expires_at", { withTimezone: true }),
    /** The payment method categories Klarna's KP session offered, as it named them (null: it did not say). */
    paymentMethodCategories: jsonb("payment_method_categories").$type<{ identifier: string; name: string }[]>(),
    klarnaOrderId: text("klarna_order_id"),
    klarnaReference: text("klarna_reference"),
    fraudStatus: text("fraud_status"),
    capturedMinor: integer("captured_minor").notNull().default(0),
    refundedMinor: integer("refunded_minor").notNull().default(0),
    /** Set while one caller places the order with Klarna; see lib/orders/finalize.ts. */
    finalizingSince: timestamp("finalizing_since", { withTimezone: true }),
    failureReason: text("failure_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("orders_status_idx").on(table.status), index("orders_cart_idx").on(table.cartId)],
);

export interface OrderCustomer {
  email: string;
  givenName: string;
  familyName: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  region?: string;
  phone?: string;
  country: string;
}

export const orderLines = pgTable(
  "order_lines",
  {
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    type: text("type", { enum: ["physical", "sales_tax"] }).notNull(),
    productId: uuid("product_id").references(() => products.id),
    reference: text("reference"),
    name: text("name").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceMinor: integer("unit_price_minor").notNull(),
    /** Klarna's convention: two implicit decimals. */
    taxRate: integer("tax_rate").notNull(),
    totalMinor: integer("total_minor").notNull(),
    totalTaxMinor: integer("total_tax_minor").notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.position] })],
);

/** The HPP sessions created for an order (a retry adds one), with the URLs Klarna returned. */
export const orderPaymentSessions = pgTable(
  "order_payment_sessions",
  {
    id: text("id").primaryKey(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    kpSessionId: text("kp_session_id").notNull(),
    // What Klarna returned; each may be absent (redirect_url is documented for ECOMMERCE only).
    redirectUrl: text("redirect_url"),
    sessionUrl: text("session_url"),
    qrCodeUrl: text("qr_code_url"),
    distributionUrl: text("distribution_url"),
    /** The last status read from Klarna. */
    status: text("status").notNull(),
    /** sha256 of the secret in this session's status_update URL (the secret itself is not kept). */
    callbackSecretHash: text("callback_secret_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("order_payment_sessions_order_idx").on(table.orderId)],
);

/** The order's timeline: every step of checkout, payment and back-office work. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    message: text("message").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("order_events_order_idx").on(table.orderId, table.createdAt)],
);

/** Status callbacks already handled, by Klarna's event_id. */
export const klarnaCallbacks = pgTable("klarna_callbacks", {
  eventId: text("event_id").primaryKey(),
  orderId: uuid("order_id").references(() => orders.id, { onDelete: "cascade" }),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Back-office sign-in attempts per limit key (an account from one address, or one address), in a
 * window: an attempt is counted before its password is checked, in one statement, so parallel
 * guesses cannot all get through.
 */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  attempts: integer("attempts").notNull(),
});

/**
 * Back-office operations on Klarna orders. The id is the Klarna-Idempotency-Key: it is written
 * before the call and reused on retry, and a form submitted twice carries the same id.
 */
export const orderOperations = pgTable(
  "order_operations",
  {
    id: uuid("id").primaryKey(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["capture", "refund", "cancel", "release", "extend"] }).notNull(),
    amountMinor: integer("amount_minor"),
    request: jsonb("request").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    result: text("result"),
    actor: text("actor").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("order_operations_order_idx").on(table.orderId)],
);
