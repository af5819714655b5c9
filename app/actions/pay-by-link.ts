"use server";

import { requireAdmin } from "@/lib/auth/guards";
import { createPayByLink, type PayByLinkOutcome } from "@/lib/orders/payment-links";
import { currentSandboxNamespace } from "@/lib/shop/request";
import { formAction } from "@/lib/http/form-action";

export type PayByLinkState = PayByLinkOutcome | null;

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

export const createPaymentLink = formAction(async (formData: FormData): Promise<PayByLinkState> => {
  const user = await requireAdmin();
  const productIds = formData.getAll("productId");
  const quantities = formData.getAll("quantity");
  const method = text(formData, "delivery") ?? "none";
  return createPayByLink(
    {
      market: text(formData, "market"),
      channel: text(formData, "channel"),
      items: productIds.map((productId, index) => ({ productId, quantity: quantities[index] })).filter((item) => item.productId !== ""),
      customer: {
        email: text(formData, "email") ?? "",
        givenName: text(formData, "givenName") ?? "",
        familyName: text(formData, "familyName") ?? "",
        streetAddress: text(formData, "streetAddress") ?? "",
        postalCode: text(formData, "postalCode") ?? "",
        city: text(formData, "city") ?? "",
        region: text(formData, "region"),
        phone: text(formData, "phone"),
      },
      delivery: method === "email" ? { method, email: text(formData, "email") } : method === "sms" ? { method, phone: text(formData, "phone") } : { method: "none" },
    },
    user.email,
    await currentSandboxNamespace(),
  );
});
