import "server-only";
import type { z } from "zod";
import { unstorablePath } from "@/lib/text";
import { getOrder, type Order } from "./queries";

// Klarna Payments' callbacks to the order's own URLs (merchant_urls.authorization, .notification)
// are unsigned: the URL names our order and carries a key for it, and the body is only a hint,
// accepted when it is about that order.

export type KeyedCallbackInput = { orderId: string | null; key: string | null; body: unknown };
type KeyedCallbackVerdict = { status: 400 | 401; error: string } | { status: 200; orderId: string };

export async function receiveKeyedCallback<Body>(
  input: KeyedCallbackInput,
  callback: {
    verifyKey: (orderId: string, key: string | null) => boolean;
    schema: z.ZodType<Body>;
    isAbout: (body: Body, order: Order) => boolean;
    /** The refusal of a body that is not about the order. */
    notAbout: string;
    /** What the order's history keeps of an accepted callback. */
    record: (body: Body, order: Order) => Promise<void>;
  },
): Promise<KeyedCallbackVerdict> {
  const order = input.orderId && callback.verifyKey(input.orderId, input.key) ? await getOrder(input.orderId) : undefined;
  if (!order) return { status: 401, error: "Unknown order or wrong key" };
  if (unstorablePath(input.body)) return { status: 400, error: "The body holds text that cannot be stored" };
  const parsed = callback.schema.safeParse(input.body);
  if (!parsed.success || !callback.isAbout(parsed.data, order)) return { status: 400, error: callback.notAbout };
  await callback.record(parsed.data, order);
  return { status: 200, orderId: order.id };
}
