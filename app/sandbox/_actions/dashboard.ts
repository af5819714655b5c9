"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import {
  addDashboardFault,
  advanceDashboardClock,
  advanceToNextDeadline,
  clearDashboardFaults,
  KlarnaApiError,
  Namespace,
  NAMESPACE_COOKIE,
  namespaceFromCookie,
  removeDashboardFault,
  resetDashboardClock,
  resetDashboardNamespace,
} from "@/lib/sandbox";
import { requireSandboxOperator } from "@/lib/auth/sandbox-operator";
import { formAction } from "@/lib/http/form-action";

// The dashboard's forms: parse, call the sandbox core in the visitor's namespace, re-render.

export type DashboardActionState = { ok: boolean; message: string } | null;

const ONE_YEAR = 60 * 60 * 24 * 365;

const visitorNamespace = async () => namespaceFromCookie((await cookies()).get(NAMESPACE_COOKIE)?.value);

const failure = (message: string): DashboardActionState => ({ ok: false, message });

/** Runs `work`, turning the core's refusals into a form error. */
async function run(work: () => Promise<string>): Promise<DashboardActionState> {
  try {
    const message = await work();
    revalidatePath("/sandbox");
    return { ok: true, message };
  } catch (error) {
    if (error instanceof KlarnaApiError) return failure(error.messages.join(" · ") || error.code);
    if (error instanceof RangeError) return failure(error.message);
    throw error;
  }
}

const firstIssue = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join(" · ");

export const switchNamespace = formAction(async (formData: FormData): Promise<DashboardActionState> => {
  await requireSandboxOperator("action");
  const parsed = Namespace.safeParse(String(formData.get("namespace") ?? "").trim());
  if (!parsed.success) return failure(`Namespace: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  (await cookies()).set(NAMESPACE_COOKIE, parsed.data, { sameSite: "lax", path: "/", maxAge: ONE_YEAR });
  revalidatePath("/sandbox");
  return { ok: true, message: `Now in namespace ${parsed.data}` };
});

export const resetNamespaceAction = formAction(async (formData: FormData): Promise<DashboardActionState> => {
  await requireSandboxOperator("action");
  const namespace = await visitorNamespace();
  if (formData.get("confirm") !== namespace) return failure("Type the namespace's name to confirm the reset");
  return run(async () => {
    await resetDashboardNamespace(namespace);
    return `Namespace ${namespace} reset`;
  });
});

const AdvanceForm = z.object({
  amount: z.coerce
    .number()
    .int("a whole number")
    .positive("more than zero")
    .max(366 * 24 * 60, "too large"),
  unit: z.enum(["minutes", "hours", "days"]),
});

export const advanceClockAction = formAction(async (formData: FormData): Promise<DashboardActionState> => {
  await requireSandboxOperator("action");
  const parsed = AdvanceForm.safeParse({ amount: formData.get("amount"), unit: formData.get("unit") });
  if (!parsed.success) return failure(firstIssue(parsed.error));
  const namespace = await visitorNamespace();
  return run(async () => {
    const state = await advanceDashboardClock(namespace, parsed.data.amount, parsed.data.unit);
    return `Clock advanced by ${parsed.data.amount} ${parsed.data.unit}; now ${state.now}`;
  });
});

export async function advanceToDeadlineAction(): Promise<DashboardActionState> {
  await requireSandboxOperator("action");
  const namespace = await visitorNamespace();
  return run(async () => {
    const state = await advanceToNextDeadline(namespace);
    return "deadline" in state && state.deadline ? `Advanced to ${state.deadline.kind} at ${state.deadline.at}` : "No deadline ahead: the clock did not move";
  });
}

export async function resetClockAction(): Promise<DashboardActionState> {
  await requireSandboxOperator("action");
  const namespace = await visitorNamespace();
  return run(async () => {
    await resetDashboardClock(namespace);
    return "Clock back on real time";
  });
}

const optionalNumber = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === "" ? undefined : Number(value));

export const addFaultAction = formAction(async (formData: FormData): Promise<DashboardActionState> => {
  await requireSandboxOperator("action");
  const body = {
    operation: String(formData.get("operation") ?? "*"),
    kind: String(formData.get("kind") ?? ""),
    status: optionalNumber(formData.get("status")),
    latency_ms: optionalNumber(formData.get("latency_ms")),
    after: formData.get("after") === "on",
    count: optionalNumber(formData.get("count")),
    probability: optionalNumber(formData.get("probability")),
  };
  const namespace = await visitorNamespace();
  return run(async () => {
    const fault = await addDashboardFault(namespace, Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)));
    return `Added a ${fault.kind} fault on ${fault.operation}`;
  });
});

export const removeFaultAction = formAction(async (formData: FormData): Promise<DashboardActionState> => {
  await requireSandboxOperator("action");
  const id = z.string().min(1).max(100).safeParse(formData.get("faultId"));
  if (!id.success) return failure("Unknown fault");
  const namespace = await visitorNamespace();
  return run(async () => {
    await removeDashboardFault(namespace, id.data);
    return "Fault removed";
  });
});

export async function clearFaultsAction(): Promise<DashboardActionState> {
  await requireSandboxOperator("action");
  const namespace = await visitorNamespace();
  return run(async () => {
    await clearDashboardFaults(namespace);
    return "All faults removed";
  });
}
