import "server-only";
import { and, count, desc, eq, gte, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { containing } from "@/lib/db/like";
import { ORDER_STATUSES, orderPaymentSessions, orders, PAID_STATUSES, type OrderStatus } from "@/lib/db/schema";

// Read models for the back office: the orders table and the dashboard.

export const ORDERS_PAGE_SIZE = 20;

/** The orders table's filter, as its page URL and its data route both carry it. */
export const OrdersQuery = z.object({
  status: z
    .string()
    .optional()
    .refine((value) => value === undefined || value === "" || isOrderStatus(value), "Unknown status")
    .transform((value) => (value && isOrderStatus(value) ? value : undefined)),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type OrdersQuery = z.infer<typeof OrdersQuery>;

export async function listOrdersForAdmin(filter: { status?: OrderStatus; query?: string; page: number }) {
  const pattern = filter.query ? containing(filter.query) : undefined;
  const where = and(
    filter.status ? eq(orders.status, filter.status) : undefined,
    pattern ? or(ilike(orders.reference, pattern), ilike(sql`${orders.customer}->>'email'`, pattern)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db()
      .select({
        reference: orders.reference,
        createdAt: orders.createdAt,
        customer: orders.customer,
        market: orders.market,
        currency: orders.currency,
        locale: orders.locale,
        totalMinor: orders.totalMinor,
        status: orders.status,
        fraudStatus: orders.fraudStatus,
        // Drizzle leaves columns unqualified inside sql``, so the correlated subquery names its tables.
        latestSessionStatus: sql<
          string | null
        >`(select s.status from order_payment_sessions s where s.order_id = "orders"."id" order by s.created_at desc limit 1)`,
      })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt))
      .limit(ORDERS_PAGE_SIZE)
      .offset((filter.page - 1) * ORDERS_PAGE_SIZE),
    db().select({ n: count() }).from(orders).where(where),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row,
      email: row.customer.email,
      name: `${row.customer.givenName} ${row.customer.familyName}`,
      createdAt: row.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
    pageSize: ORDERS_PAGE_SIZE,
  };
}
export type AdminOrderList = Awaited<ReturnType<typeof listOrdersForAdmin>>;

/** Orders and paid revenue per day (UTC) for the last `days` days, per currency, and the payment funnel. */
export async function dashboardStats(days = 14) {
  const since = new Date();
  since.setUTCHours(0, 0, 0, 0);
  since.setUTCDate(since.getUTCDate() - (days - 1));
  const day = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const perDay = await db()
    .select({
      day,
      currency: orders.currency,
      orders: count(),
      revenueMinor: sql<number>`coalesce(sum(${orders.totalMinor}) filter (where ${orders.status} in (${sql.join(
        PAID_STATUSES.map((status) => sql`${status}`),
        sql`, `,
      )})), 0)::int`,
    })
    .from(orders)
    .where(gte(orders.createdAt, since))
    .groupBy(day, orders.currency);
  const [funnel] = await db()
    .select({
      sessionsCreated: sql<number>`(select count(*)::int from ${orderPaymentSessions})`,
      sessionsCompleted: sql<number>`(select count(*)::int from ${orderPaymentSessions} where ${orderPaymentSessions.status} = 'COMPLETED')`,
      ordersPlaced: sql<number>`count(*) filter (where ${orders.klarnaOrderId} is not null)::int`,
      captured: sql<number>`count(*) filter (where ${orders.capturedMinor} > 0)::int`,
    })
    .from(orders);
  const dates = Array.from({ length: days }, (_, index) => new Date(since.getTime() + index * 86_400_000).toISOString().slice(0, 10));
  return { dates, perDay, funnel: funnel ?? { sessionsCreated: 0, sessionsCompleted: 0, ordersPlaced: 0, captured: 0 } };
}

export const isOrderStatus = (value: unknown): value is OrderStatus => ORDER_STATUSES.includes(value as OrderStatus);
