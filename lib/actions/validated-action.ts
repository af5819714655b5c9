import "server-only";
import type { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { requireSandboxMode, requireSandboxOperator } from "@/lib/auth/sandbox-operator";
import type { BackOfficeUser } from "@/lib/auth/sign-in";
import { formFields } from "./form-fields";

// One way to write a server action that takes a form: who may call it, a zod schema for its
// fields (as formFields reads them), and one state shape for useActionState. The business rules
// stay in lib/, which the actions call with the parsed fields.

/**
 * A form sent back: why, and per field where the form shows it. What was typed stays in the form
 * (each form keeps its fields in its own state, so React's reset after an action loses nothing).
 */
export type Refusal = { ok: false; message: string; fieldErrors?: Record<string, string> };

/** What a form's action answers, as useActionState holds it: null before the first answer. */
export type ActionState<Answer> = Answer | Refusal | null;

/** Who may call an action. Each check refuses the way Next answers (401, 403, 404) by throwing. */
const ROLE_CHECKS = {
  /** Anyone: the storefront's shopper, or a merchant signing in. */
  shopper: async () => null,
  /** A signed-in back-office admin: 401 when signed out, 403 for a viewer (who may look, not act). */
  merchant: () => requireAdmin(),
  /** The sandbox's operator (in production: its Basic credentials or an admin); 404 outside sandbox mode. */
  "sandbox-operator": async () => {
    await requireSandboxOperator("action");
    return null;
  },
  /** Anyone while the sandbox runs: the consumer on its hosted page, which is public by its URL. */
  "sandbox-consumer": async () => {
    requireSandboxMode();
    return null;
  },
} satisfies Record<string, () => Promise<BackOfficeUser | null>>;

type ActionRole = keyof typeof ROLE_CHECKS;

/** What the role's check hands the action: the back-office user for "merchant", null otherwise. */
type Caller<Role extends ActionRole> = Awaited<ReturnType<(typeof ROLE_CHECKS)[Role]>>;

/** How React calls it: with the form alone (<form action>), or after the form's previous state (useActionState). */
type FormAction<State> = ((form: FormData) => Promise<State>) & ((previous: State, form: FormData) => Promise<State>);

// Anyone can call an action with other arguments than a form; such a call gets this answer and
// does nothing, instead of failing inside the action with a 500.
const NOT_OUR_FORM: Refusal = { ok: false, message: "This form did not come from our page. Reload the page and try again." };

/** The issues as "field: message", for a form that shows one message. */
const describeIssues = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join(" · ");

/**
 * A server action for `role` whose form must parse with `schema`. The role is checked first, so a
 * caller without it learns nothing of the form; input that does not parse is sent back as a
 * Refusal with `invalidMessage` (default: the issues) and a message per field; `secrets` are read
 * exactly as typed. `action` gets the parsed input; what it returns (or a redirect it throws)
 * goes to the page unchanged.
 */
export function validatedAction<Schema extends z.ZodType, Role extends ActionRole, Answer>(
  options: {
    schema: Schema;
    role: Role;
    /** Fields read exactly as typed, not trimmed: a password. */
    secrets?: readonly string[];
    invalidMessage?: string | ((error: z.ZodError) => string | Promise<string>);
  },
  action: (input: z.output<Schema>, caller: Caller<Role>) => Promise<Answer>,
): FormAction<ActionState<Answer>> {
  const { schema, role, secrets = [], invalidMessage = describeIssues } = options;
  return async (...args: unknown[]) => {
    const caller = (await ROLE_CHECKS[role]()) as Caller<Role>;
    const form = args.at(-1);
    if (!(form instanceof FormData)) return NOT_OUR_FORM;
    const fields = formFields(form, secrets);
    const parsed = await schema.safeParseAsync(fields);
    if (parsed.success) return action(parsed.data, caller);
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, message: typeof invalidMessage === "string" ? invalidMessage : await invalidMessage(parsed.error), fieldErrors };
  };
}
