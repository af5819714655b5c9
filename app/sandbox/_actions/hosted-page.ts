"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actOnHostedPage, KlarnaApiError } from "@/lib/sandbox";
import { requireSandboxMode } from "@/lib/auth/sandbox-operator";
import { formAction } from "@/lib/http/form-action";

export type HostedPageState = { message: string } | null;

/** The hosted page's buttons: the same core call as the control API, then Klarna's redirect. */
export const actOnPayment = formAction(async (formData: FormData): Promise<HostedPageState> => {
  requireSandboxMode();
  const id = String(formData.get("sessionId") ?? "");
  let redirectTo: string | null;
  let redirectDropped = false;
  try {
    const result = await actOnHostedPage(id, {
      outcome: formData.get("outcome"),
      category: formData.get("category") ?? undefined,
      email: formData.get("email") ?? undefined,
    });
    redirectTo = result.redirect_to;
    redirectDropped = result.redirect_dropped ?? false;
  } catch (error) {
    if (error instanceof KlarnaApiError) return { message: error.messages[0] ?? error.code };
    throw error;
  }
  if (redirectTo) redirect(redirectTo);
  if (redirectDropped) redirect(`/sandbox/hpp/${id}/result?redirect=dropped`);
  // A decline with payment fallback keeps the consumer here, now offered the other categories.
  revalidatePath(`/sandbox/hpp/${id}`);
  return null;
});
