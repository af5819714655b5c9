"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/guards";
import { disablePaymentSession, sendPaymentLink } from "@/lib/orders/payment-links";
import { runOrderOperation, type OperationResult } from "@/lib/orders/back-office";
import { getOrder } from "@/lib/orders/queries";
import { exampleAmount, parseMoney } from "@/lib/money";
import { formAction } from "@/lib/http/form-action";

export type AdminActionState = OperationResult | null;

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

/** Capture, refund, cancel, release or extend (lib/orders/back-office.ts does the work). */
export const manageOrder = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const orderId = text(formData, "orderId") ?? "";
  const order = await getOrder(orderId).catch(() => undefined);
  if (!order) return { ok: false, message: "This order does not exist." };
  // "Capture remaining" and friends post the amount in minor units; a typed one is read as the market writes it.
  const amountText = text(formData, "amount");
  const wholeAmount = text(formData, "amountMinor");
  const amountMinor = wholeAmount !== undefined ? Number(wholeAmount) : amountText === undefined ? undefined : parseMoney(amountText, order.currency, order.locale);
  if (amountMinor === null) return { ok: false, message: `Enter the amount in ${order.currency} as ${exampleAmount(order.currency, order.locale)} is written.` };
  const lines = formData.getAll("lines").map(Number);
  const result = await runOrderOperation(
    {
      operationId: text(formData, "operationId"),
      orderId,
      kind: text(formData, "kind"),
      amountMinor,
      lines: lines.length > 0 ? lines : undefined,
      shippingCompany: text(formData, "shippingCompany"),
      trackingNumber: text(formData, "trackingNumber"),
    },
    user.email,
  );
  revalidatePath(`/admin/orders/${order.reference}`);
  return result;
});

export const disableSession = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const result = await disablePaymentSession(text(formData, "sessionId") ?? "", user.email);
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
});

export const resendLink = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const result = await sendPaymentLink(
    { sessionId: text(formData, "sessionId"), method: text(formData, "method"), email: text(formData, "email"), phone: text(formData, "phone") },
    user.email,
  );
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
});
