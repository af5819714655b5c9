"use server";

import { z } from "zod";
import { listField, textField } from "@/lib/actions/form-fields";
import { validatedAction } from "@/lib/actions/validated-action";
import { CustomerFields } from "@/lib/orders/customer-form";
import { createPayByLink } from "@/lib/orders/payment-links";
import { currentSandboxNamespace } from "@/lib/shop/request";

const PayByLinkForm = CustomerFields.extend({
  market: textField,
  channel: textField,
  // One product and its quantity per row; a row without a product is left out.
  productId: listField(textField),
  quantity: listField(textField),
  delivery: z.string().default("none"),
});

export const createPaymentLink = validatedAction(
  { schema: PayByLinkForm, role: "merchant" },
  async ({ market, channel, productId: productIds = [], quantity: quantities = [], delivery: method, ...customer }, user) =>
    createPayByLink(
      {
        market,
        channel,
        items: productIds.map((productId, index) => ({ productId, quantity: quantities[index] })).filter((item) => item.productId !== undefined),
        customer,
        delivery: method === "email" ? { method, email: customer.email } : method === "sms" ? { method, phone: customer.phone } : { method: "none" },
      },
      user.email,
      await currentSandboxNamespace(),
    ),
);
