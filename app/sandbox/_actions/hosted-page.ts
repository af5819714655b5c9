"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actOnHostedPage, KlarnaApiError } from "@/lib/sandbox";
import { textField } from "@/lib/actions/form-fields";
import { validatedAction, type Refusal } from "@/lib/actions/validated-action";

// The core's CompleteHppRequest checks the outcome, category and e-mail.
const PaymentForm = z.object({ sessionId: z.string().default(""), outcome: textField, category: textField, email: textField });

/** The hosted page's buttons: the same core call as the control API, then Klarna's redirect. */
export const actOnPayment = validatedAction(
  { schema: PaymentForm, role: "sandbox-consumer" },
  async ({ sessionId: id, ...choice }): Promise<Refusal | null> => {
    let redirectTo: string | null;
    let redirectDropped = false;
    try {
      const result = await actOnHostedPage(id, choice);
      redirectTo = result.redirect_to;
      redirectDropped = result.redirect_dropped ?? false;
    } catch (error) {
      if (error instanceof KlarnaApiError) return { ok: false, message: error.messages[0] ?? error.code };
      throw error;
    }
    if (redirectTo) redirect(redirectTo);
    if (redirectDropped) redirect(`/sandbox/hpp/${id}/result?redirect=dropped`);
    // A decline with payment fallback keeps the consumer here, now offered the other categories.
    revalidatePath(`/sandbox/hpp/${id}`);
    return null;
  },
);
