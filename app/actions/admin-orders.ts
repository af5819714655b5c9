"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/guards";
import { disablePaymentSession, sendPaymentLink } from "@/lib/orders/payment-links";
import { runOrderOperation, updateFromKlarna, type OperationResult } from "@/lib/orders/back-office";
import { formAction, formText } from "@/lib/http/form-action";

export type AdminActionState = OperationResult | null;

/** Capture, refund, cancel, release or extend (lib/orders/back-office.ts does the work). */
export const manageOrder = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const lines = formData.getAll("lines").map(Number);
  const wholeAmount = formText(formData, "amountMinor");
  const result = await runOrderOperation(
    {
      operationId: formText(formData, "operationId"),
      orderId: formText(formData, "orderId"),
      kind: formText(formData, "kind"),
      // "Capture remaining" and friends post minor units; a typed amount is read as the market writes it.
      amount: formText(formData, "amount"),
      amountMinor: wholeAmount === undefined ? undefined : Number(wholeAmount),
      lines: lines.length > 0 ? lines : undefined,
      shippingCompany: formText(formData, "shippingCompany"),
      trackingNumber: formText(formData, "trackingNumber"),
    },
    user.email,
  );
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
});

/** Brings the shop's record in line with Klarna's order, when the order page shows they differ. */
export const recordKlarnaView = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const result = await updateFromKlarna(formText(formData, "orderId"), user.email);
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
});

export const disableSession = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const result = await disablePaymentSession(formText(formData, "sessionId") ?? "", user.email);
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
});

export const resendLink = formAction(async (formData: FormData): Promise<AdminActionState> => {
  const user = await requireAdmin();
  const result = await sendPaymentLink(
    {
      sessionId: formText(formData, "sessionId"),
      method: formText(formData, "method"),
      email: formText(formData, "email"),
      phone: formText(formData, "phone"),
    },
    user.email,
  );
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
});
