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
import { checkboxField, textField } from "@/lib/actions/form-fields";
import { validatedAction, type ActionState } from "@/lib/actions/validated-action";

// The dashboard's forms: parse, call the sandbox core in the visitor's namespace, re-render. They
// live in the sandbox's own area rather than in app/actions/, whose storefront actions may not
// import the sandbox (eslint.config.mjs).

type Answer = { ok: boolean; message: string };
export type DashboardActionState = ActionState<Answer>;

const ONE_YEAR = 60 * 60 * 24 * 365;

const visitorNamespace = async () => namespaceFromCookie((await cookies()).get(NAMESPACE_COOKIE)?.value);

const failure = (message: string): Answer => ({ ok: false, message });

/** Runs `work`, turning the core's refusals into a form error. */
async function run(work: () => Promise<string>): Promise<Answer> {
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

/** A button that sends nothing but itself. */
const NoFields = z.object({});

// A cleared name is "", which Namespace refuses with its rule.
const NamespaceForm = z.object({ namespace: z.string().default("").pipe(Namespace) });

export const switchNamespace = validatedAction(
  { schema: NamespaceForm, role: "sandbox-operator", invalidMessage: (error) => `Namespace: ${error.issues[0]?.message ?? "invalid"}` },
  async ({ namespace }): Promise<Answer> => {
    (await cookies()).set(NAMESPACE_COOKIE, namespace, { sameSite: "lax", path: "/", maxAge: ONE_YEAR });
    revalidatePath("/sandbox");
    return { ok: true, message: `Now in namespace ${namespace}` };
  },
);

export const resetNamespaceAction = validatedAction(
  { schema: z.object({ confirm: textField }), role: "sandbox-operator" },
  async ({ confirm }): Promise<Answer> => {
    const namespace = await visitorNamespace();
    if (confirm !== namespace) return failure("Type the namespace's name to confirm the reset");
    return run(async () => {
      await resetDashboardNamespace(namespace);
      return `Namespace ${namespace} reset`;
    });
  },
);

const AdvanceForm = z.object({
  amount: z.coerce
    .number()
    .int("a whole number")
    .positive("more than zero")
    .max(366 * 24 * 60, "too large"),
  unit: z.enum(["minutes", "hours", "days"]),
});

export const advanceClockAction = validatedAction({ schema: AdvanceForm, role: "sandbox-operator" }, async ({ amount, unit }): Promise<Answer> => {
  const namespace = await visitorNamespace();
  return run(async () => {
    const state = await advanceDashboardClock(namespace, amount, unit);
    return `Clock advanced by ${amount} ${unit}; now ${state.now}`;
  });
});

export const advanceToDeadlineAction = validatedAction({ schema: NoFields, role: "sandbox-operator" }, async (): Promise<Answer> => {
  const namespace = await visitorNamespace();
  return run(async () => {
    const state = await advanceToNextDeadline(namespace);
    return "deadline" in state && state.deadline ? `Advanced to ${state.deadline.kind} at ${state.deadline.at}` : "No deadline ahead: the clock did not move";
  });
});

export const resetClockAction = validatedAction({ schema: NoFields, role: "sandbox-operator" }, async (): Promise<Answer> => {
  const namespace = await visitorNamespace();
  return run(async () => {
    await resetDashboardClock(namespace);
    return "Clock back on real time";
  });
});

// Numbers and the checkbox as the core's FaultRequest takes them; its rules say what is allowed.
const FaultForm = z.object({
  operation: z.string().default("*"),
  kind: textField,
  status: z.coerce.number().optional(),
  latency_ms: z.coerce.number().optional(),
  after: checkboxField,
  count: z.coerce.number().optional(),
  probability: z.coerce.number().optional(),
});

export const addFaultAction = validatedAction({ schema: FaultForm, role: "sandbox-operator" }, async (body): Promise<Answer> => {
  const namespace = await visitorNamespace();
  return run(async () => {
    const fault = await addDashboardFault(namespace, Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)));
    return `Added a ${fault.kind} fault on ${fault.operation}`;
  });
});

export const removeFaultAction = validatedAction(
  { schema: z.object({ faultId: z.string().max(100) }), role: "sandbox-operator", invalidMessage: "Unknown fault" },
  async ({ faultId }): Promise<Answer> => {
    const namespace = await visitorNamespace();
    return run(async () => {
      await removeDashboardFault(namespace, faultId);
      return "Fault removed";
    });
  },
);

export const clearFaultsAction = validatedAction({ schema: NoFields, role: "sandbox-operator" }, async (): Promise<Answer> => {
  const namespace = await visitorNamespace();
  return run(async () => {
    await clearDashboardFaults(namespace);
    return "All faults removed";
  });
});
