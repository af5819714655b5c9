"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/guards";
import { disablePaymentSession, sendPaymentLink } from "@/lib/orders/payment-links";
import { runOrderOperation, updateFromKlarna, type OperationResult } from "@/lib/orders/back-office";
import { formAction } from "@/lib/http/form-action";

export type AdminActionState = OperationResult | null;

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

/** Capture, refund, cancel, release or extend (lib/orders/back-office.ts does the work). */
export const manageOrder = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const lines = formData.getAll("lines").map(Number);
  const wholeAmount = text(formData, "amountMinor");
  const result = await runOrderOperation(
    {
      operationId: text(formData, "operationId"),
      orderId: text(formData, "orderId"),
      kind: text(formData, "kind"),
      // "Capture remaining" and friends post minor units; a typed amount is read as the market writes it.
      amount: text(formData, "amount"),
      amountMinor: wholeAmount === undefined ? undefined : Number(wholeAmount),
      lines: lines.length > 0 ? lines : undefined,
      shippingCompany: text(formData, "shippingCompany"),
      trackingNumber: text(formData, "trackingNumber"),
    },
    user.email,
  );
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
});

/** Brings the shop's record in line with Klarna's order, when the order page shows they differ. */
export const recordKlarnaView = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const result = await updateFromKlarna(text(formData, "orderId"), user.email);
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
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
