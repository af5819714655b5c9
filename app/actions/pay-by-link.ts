"use server";

import { requireAdmin } from "@/lib/auth/guards";
import { createPayByLink, type PayByLinkOutcome } from "@/lib/orders/payment-links";
import { currentSandboxNamespace } from "@/lib/shop/request";
import { formAction, formText } from "@/lib/http/form-action";
import { customerFromForm } from "@/lib/orders/customer-form";

export type PayByLinkState = PayByLinkOutcome | null;

export const createPaymentLink = formAction(async (formData: FormData): Promise<PayByLinkState> => {
  const user = await requireAdmin();
  const productIds = formData.getAll("productId");
  const quantities = formData.getAll("quantity");
  const method = formText(formData, "delivery") ?? "none";
  return createPayByLink(
    {
      market: formText(formData, "market"),
      channel: formText(formData, "channel"),
      items: productIds.map((productId, index) => ({ productId, quantity: quantities[index] })).filter((item) => item.productId !== ""),
      customer: customerFromForm(formData),
      delivery:
        method === "email"
          ? { method, email: formText(formData, "email") }
          : method === "sms"
            ? { method, phone: formText(formData, "phone") }
            : { method: "none" },
    },
    user.email,
    await currentSandboxNamespace(),
  );
});
