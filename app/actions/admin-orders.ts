"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { listField, textField } from "@/lib/actions/form-fields";
import { validatedAction, type ActionState } from "@/lib/actions/validated-action";
import { disablePaymentSession, sendPaymentLink } from "@/lib/orders/payment-links";
import { runOrderOperation, updateFromKlarna, type OperationResult } from "@/lib/orders/back-office";

export type AdminActionState = ActionState<OperationResult>;

/** The order's page shows the outcome: it is drawn again with it. */
function onOrderPage<Result extends { reference?: string }>(result: Result): Result {
  if (result.reference) revalidatePath(`/admin/orders/${result.reference}`);
  return result;
}

const OperationForm = z.object({
  operationId: textField,
  orderId: textField,
  kind: textField,
  // A typed amount, read as the order's market writes it; "Capture remaining" and friends post
  // minor units instead, and whole lines come as their positions. lib/orders/back-office.ts parses them.
  amount: textField,
  amountMinor: textField,
  lines: listField(z.string()),
  shippingCompany: textField,
  trackingNumber: textField,
});

/** Capture, refund, cancel, release or extend (lib/orders/back-office.ts does the work). */
export const manageOrder = validatedAction({ schema: OperationForm, role: "merchant" }, async (operation, user) =>
  onOrderPage(await runOrderOperation(operation, user.email)),
);

/** Brings the shop's record in line with Klarna's order, when the order page shows they differ. */
export const recordKlarnaView = validatedAction({ schema: z.object({ orderId: textField }), role: "merchant" }, async ({ orderId }, user) =>
  onOrderPage(await updateFromKlarna(orderId, user.email)),
);

export const disableSession = validatedAction({ schema: z.object({ sessionId: z.string().default("") }), role: "merchant" }, async ({ sessionId }, user) =>
  onOrderPage(await disablePaymentSession(sessionId, user.email)),
);

const ResendForm = z.object({ sessionId: textField, method: textField, email: textField, phone: textField });

export const resendLink = validatedAction({ schema: ResendForm, role: "merchant" }, async (delivery, user) =>
  onOrderPage(await sendPaymentLink(delivery, user.email)),
);
