import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { orderOperations, orders } from "@/lib/db/schema";
import {
  cancelOrder,
  captureOrder,
  extendAuthorizationTime,
  getOrder as getKlarnaOrder,
  KlarnaError,
  refundOrder,
  releaseRemainingAuthorization,
} from "@/lib/klarna";
import { exampleAmount, formatMoney, parseMoney } from "@/lib/money";
import { unstorablePath } from "@/lib/text";
import { MARKETS, type MarketCode } from "@/lib/shop/markets";
import { recordEvent } from "./events";
import { toKlarnaLine } from "./klarna-order";
import {
  afterOperation,
  dateOf,
  merchantStatus,
  OPERATION_KINDS,
  operationAvailability,
  orderColumnsFrom,
  viewKlarnaOrder,
  type KlarnaOrderView,
} from "./klarna-states";
import { getOrder, listOrderLines, type Order } from "./queries";

// The merchant's Order Management work: capture, refund, cancel, release, extend. Each operation
// is written down (with its Klarna-Idempotency-Key) before Klarna is called, checked against what
// Klarna allows, and repeated with the same key when the first attempt got no clear answer.
// Klarna's order is read once per operation: before it, to check it; what it then looks like
// follows from what Klarna documents the operation does (an extension's new date excepted).

export const OperationRequest = z
  .object({
    operationId: z.uuid("The form is out of date; reload the page."),
    orderId: z.uuid(),
    kind: z.enum(OPERATION_KINDS),
    /** Minor units; for capture and refund. Absent with `lines`: the sum of the chosen lines. */
    amountMinor: z.coerce.number().int("Enter an amount in whole minor units.").positive("Enter an amount above zero.").max(100_000_000).optional(),
    /** Positions of order lines to capture or refund in full. */
    lines: z.array(z.coerce.number().int().min(0)).optional(),
    shippingCompany: z.string().trim().max(100).optional(),
    trackingNumber: z.string().trim().max(100).optional(),
  })
  .refine((request) => !["capture", "refund"].includes(request.kind) || request.amountMinor !== undefined || (request.lines?.length ?? 0) > 0, {
    message: "Enter an amount or choose lines.",
    path: ["amountMinor"],
  });
export type OperationRequest = z.infer<typeof OperationRequest>;

export type OperationResult = {
  ok: boolean;
  message: string;
  /** Klarna's answer is not known yet: the next submit must repeat this operation, with its key. */
  retry?: true;
  /** The order's reference, when the order exists (its page shows the outcome). */
  reference?: string;
};

/** An operation without an outcome this young is still being worked on by its first caller. */
const IN_FLIGHT_MS = 60_000;

const VERBS: Record<OperationRequest["kind"], string> = {
  capture: "Capture",
  refund: "Refund",
  cancel: "Cancel",
  release: "Release of the remaining authorization",
  extend: "Extension of the authorization time",
};

const regionOf = (order: Order) => MARKETS[order.market as MarketCode].region;

/** Klarna's order as it stands, in the shop's terms (amounts its reply lacks come from our ledger). */
export async function readKlarnaOrder(order: Order): Promise<KlarnaOrderView | undefined> {
  if (!order.klarnaOrderId) return undefined;
  const { order: klarnaOrder, klarnaDate } = await getKlarnaOrder(regionOf(order), order.klarnaOrderId);
  return viewKlarnaOrder(klarnaOrder, order, klarnaDate);
}

/** Copies Klarna's view of the order (status, amounts, fraud decision) onto ours; returns that view. */
export async function syncFromKlarna(order: Order): Promise<KlarnaOrderView | undefined> {
  const view = await readKlarnaOrder(order);
  if (!view) return undefined;
  await db()
    .update(orders)
    .set({ ...orderColumnsFrom(view, order), updatedAt: new Date() })
    .where(eq(orders.id, order.id));
  return view;
}

/** The merchant asked to bring the shop's record in line with Klarna's order (changed in Klarna's portal, or expired). */
export async function updateFromKlarna(orderId: unknown, actor: string): Promise<OperationResult> {
  const order = z.uuid().safeParse(orderId).success ? await getOrder(orderId as string) : undefined;
  if (!order) return { ok: false, message: "This order does not exist." };
  try {
    const view = await syncFromKlarna(order);
    if (!view) return { ok: false, message: "This order has no Klarna order to read.", reference: order.reference };
    const status = merchantStatus(view) ?? order.status;
    await recordEvent(db(), order.id, "synced_from_klarna", `The shop's record was updated from Klarna's order (${view.status}): ${order.status} → ${status}`, {
      actor,
    });
    return { ok: true, message: `Updated from Klarna: the order is ${status.replace("_", " ")}.`, reference: order.reference };
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    return { ok: false, message: `Klarna could not be read: ${error.reason}`, reference: order.reference };
  }
}

/** Klarna's order as read before, moved on by what our own ledger has recorded since. */
function sinceRead(view: KlarnaOrderView, ledger: { capturedMinor: number; refundedMinor: number }): KlarnaOrderView {
  const capturedSince = ledger.capturedMinor - view.capturedMinor;
  return {
    ...view,
    capturedMinor: ledger.capturedMinor,
    refundedMinor: ledger.refundedMinor,
    remainingMinor: Math.max(0, view.remainingMinor - capturedSince),
  };
}

/** Why Klarna would refuse this operation on the order as it stands, or null. */
function refusal(request: OperationRequest, amount: number | undefined, view: KlarnaOrderView, money: (minor: number) => string): string | null {
  const availability = operationAvailability(view)[request.kind];
  if (!availability.allowed) return `${VERBS[request.kind]} is not possible. ${availability.reason}`;
  if (amount !== undefined && availability.maxMinor !== undefined && amount > availability.maxMinor) {
    const what = request.kind === "capture" ? "still authorized" : "captured and not yet refunded";
    return `${VERBS[request.kind]} is not possible. ${money(amount)} is more than the ${money(availability.maxMinor)} ${what}.`;
  }
  return null;
}

async function callKlarnaFor(request: OperationRequest, order: Order, amount: number | undefined, lines: ReturnType<typeof toKlarnaLine>[] | undefined) {
  const klarnaOrderId = order.klarnaOrderId!;
  const region = regionOf(order);
  const key = request.operationId;
  const shipping =
    request.shippingCompany || request.trackingNumber ? [{ shipping_company: request.shippingCompany, tracking_number: request.trackingNumber }] : undefined;
  switch (request.kind) {
    case "capture":
      return captureOrder(region, klarnaOrderId, { captured_amount: amount!, order_lines: lines, shipping_info: shipping, reference: order.reference }, key);
    case "refund":
      return refundOrder(region, klarnaOrderId, { refunded_amount: amount!, order_lines: lines, reference: order.reference }, key);
    case "cancel":
      return cancelOrder(region, klarnaOrderId, key);
    case "release":
      return releaseRemainingAuthorization(region, klarnaOrderId, key);
    case "extend":
      return extendAuthorizationTime(region, klarnaOrderId, key);
  }
}

/**
 * Marks the operation succeeded and, once only, adds its amount to our own record of what Klarna
 * confirmed (used when Klarna's order reads carry no amounts) and moves the order's status on from
 * Klarna's order as read `before` it, with its event on the timeline.
 */
async function recordSuccess(
  request: OperationRequest,
  orderId: string,
  amount: number | undefined,
  message: string,
  actor: string,
  before: KlarnaOrderView | undefined,
) {
  await db().transaction(async (tx) => {
    const [won] = await tx
      .update(orderOperations)
      .set({ status: "succeeded", result: message, finishedAt: new Date() })
      .where(and(eq(orderOperations.id, request.operationId), eq(orderOperations.status, "pending")))
      .returning({ id: orderOperations.id });
    if (!won) return;
    const captured = request.kind === "capture" ? (amount ?? 0) : 0;
    const refunded = request.kind === "refund" ? (amount ?? 0) : 0;
    // Incremented in SQL, so two operations finishing at once both count; the row comes back locked.
    const [ledger] = await tx
      .update(orders)
      .set({ capturedMinor: sql`${orders.capturedMinor} + ${captured}`, refundedMinor: sql`${orders.refundedMinor} + ${refunded}`, updatedAt: new Date() })
      .where(eq(orders.id, orderId))
      .returning();
    if (before && ledger) {
      const after = afterOperation(
        sinceRead(before, { capturedMinor: ledger.capturedMinor - captured, refundedMinor: ledger.refundedMinor - refunded }),
        request.kind,
        amount,
      );
      const { status, fraudStatus, klarnaReference } = orderColumnsFrom(after, ledger);
      await tx.update(orders).set({ status, fraudStatus, klarnaReference }).where(eq(orders.id, orderId));
    }
    await recordEvent(tx, orderId, `operation_${request.kind}`, message, { operationId: request.operationId, actor, amountMinor: amount });
  });
}

/** The amount a capture or refund stands for (the chosen lines' sum when none is given), and those lines for Klarna. */
async function amountAndLines(request: OperationRequest, orderId: string) {
  const orderLines = request.lines?.length ? (await listOrderLines(orderId)).filter((line) => request.lines!.includes(line.position)) : undefined;
  const amount = ["capture", "refund"].includes(request.kind)
    ? (request.amountMinor ?? orderLines!.reduce((sum, line) => sum + line.totalMinor, 0))
    : undefined;
  return { amount, klarnaLines: orderLines?.map(toKlarnaLine) };
}

async function finish(operationId: string, status: "succeeded" | "failed", message: string) {
  await db().update(orderOperations).set({ status, result: message, finishedAt: new Date() }).where(eq(orderOperations.id, operationId));
  return { ok: status === "succeeded", message };
}

/**
 * One back-office operation. `input` is the form's fields: an `amount` typed as the order's market
 * writes it ("1 149,00" in SE), or `amountMinor` in minor units ("Capture remaining"), or `lines`.
 */
export async function runOrderOperation(input: Record<string, unknown>, actor: string): Promise<OperationResult> {
  if (unstorablePath(input)) return { ok: false, message: "A field contains a character that cannot be used." };
  const order = z.uuid().safeParse(input.orderId).success ? await getOrder(input.orderId as string) : undefined;
  if (!order) return { ok: false, message: "This order does not exist." };
  return { ...(await operate(order, input, actor)), reference: order.reference };
}

async function operate(order: Order, input: Record<string, unknown>, actor: string): Promise<OperationResult> {
  const { amount: typed, ...fields } = input;
  const amountMinor = typeof typed === "string" ? parseMoney(typed, order.currency, order.locale) : fields.amountMinor;
  if (amountMinor === null)
    return { ok: false, message: `Enter the amount in ${order.currency} as ${exampleAmount(order.currency, order.locale)} is written.` };
  const parsed = OperationRequest.safeParse({ ...fields, amountMinor });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  let request = parsed.data;
  if (!order.klarnaOrderId) return { ok: false, message: "This order has no Klarna order to manage." };
  const money = (minor: number) => formatMoney(minor, order.currency, order.locale);
  const submitted = await amountAndLines(request, order.id);

  // Written before Klarna is called: a second submission of the same form finds it here.
  const [fresh] = await db()
    .insert(orderOperations)
    .values({ id: request.operationId, orderId: order.id, kind: request.kind, amountMinor: submitted.amount ?? null, request, status: "pending", actor })
    .onConflictDoNothing()
    .returning();
  if (!fresh) {
    const [existing] = await db().select().from(orderOperations).where(eq(orderOperations.id, request.operationId));
    if (!existing || existing.orderId !== order.id) return { ok: false, message: "The form is out of date; reload the page." };
    if (existing.status !== "pending") return { ok: existing.status === "succeeded", message: existing.result ?? "" };
    const inFlight = existing.result === null && Date.now() - existing.createdAt.getTime() < IN_FLIGHT_MS;
    if (inFlight) return { ok: false, message: `This ${request.kind} is already being processed.`, retry: true };
    // An earlier attempt got no clear answer (or its caller died). Repeat what it sent, with the
    // same key: Klarna answers a repeated key with the first reply instead of acting twice.
    request = OperationRequest.parse(existing.request);
  }
  const { amount, klarnaLines } = fresh ? submitted : await amountAndLines(request, order.id);
  let before: KlarnaOrderView | undefined;

  try {
    // Checked on the first attempt only: after one that Klarna may have carried out, the order can
    // look as if the repeat were not allowed (a full capture leaves nothing authorized).
    if (fresh) {
      before = (await readKlarnaOrder(order))!;
      const refused = refusal(request, amount, before, money);
      if (refused) {
        await recordEvent(db(), order.id, "operation_refused", refused, { operationId: request.operationId, kind: request.kind, actor });
        return finish(request.operationId, "failed", refused);
      }
    }
    await callKlarnaFor(request, order, amount, klarnaLines);
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    if (error.kind === "unavailable") {
      const message = `Klarna did not answer (${error.reason}). Submit again: the same request will be repeated safely.`;
      await db().update(orderOperations).set({ result: message }).where(eq(orderOperations.id, request.operationId));
      await recordEvent(db(), order.id, "operation_unanswered", message, {
        operationId: request.operationId,
        kind: request.kind,
        actor,
        correlationId: error.details.correlationId,
      });
      return { ok: false, message, retry: true };
    }
    const message = `Klarna refused: ${error.reason}`;
    await recordEvent(db(), order.id, "operation_refused", message, {
      operationId: request.operationId,
      kind: request.kind,
      actor,
      correlationId: error.details.correlationId,
    });
    return finish(request.operationId, "failed", message);
  }

  let message = `${VERBS[request.kind]}${amount !== undefined ? ` of ${money(amount)}` : ""} done.`;
  if (request.kind === "extend") {
    // Say where the expiry now stands: Klarna may keep the date it had (same day, 180-day limit).
    const expiresAt = (await readKlarnaOrder(order).catch(() => undefined))?.expiresAt;
    if (expiresAt) message = `${VERBS.extend} done: the authorization now runs until ${dateOf(expiresAt)}.`;
  }
  await recordSuccess(request, order.id, amount, message, actor, before);
  // A repeat was not checked first, so Klarna's order is read afterwards instead.
  if (!before)
    await syncFromKlarna((await getOrder(order.id))!).catch((error: unknown) => console.warn("[back-office] could not re-read the order from Klarna", error));
  return { ok: true, message };
}
