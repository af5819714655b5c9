import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { checkboxField, listField, textField } from "@/lib/actions/form-fields";
import { validatedAction } from "@/lib/actions/validated-action";

// The role checks stand in for lib/auth's, which need Next's request scope: each refuses by
// throwing, as unauthorized(), forbidden() and notFound() do.
const guards = vi.hoisted(() => ({ requireAdmin: vi.fn(), requireSandboxOperator: vi.fn(), requireSandboxMode: vi.fn() }));
vi.mock("@/lib/auth/guards", () => ({ requireAdmin: guards.requireAdmin }));
vi.mock("@/lib/auth/sandbox-operator", () => ({ requireSandboxOperator: guards.requireSandboxOperator, requireSandboxMode: guards.requireSandboxMode }));

const MERCHANT = { id: "u1", email: "admin@example.com", name: "Admin", role: "admin" as const };
const refusedWith = (status: number) => Object.assign(new Error(`HTTP ${status}`), { digest: `NEXT_HTTP_ERROR_FALLBACK;${status}` });

/** An action as anyone may call it: with any arguments. */
type AnyCall = (...args: unknown[]) => Promise<unknown>;

function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

const Order = z.object({
  email: z.email("Enter a valid e-mail address."),
  quantity: z.coerce.number().int().min(1, "At least one."),
  note: textField,
  gift: checkboxField,
  lines: listField(z.string()),
});

beforeEach(() => {
  vi.resetAllMocks();
  guards.requireAdmin.mockResolvedValue(MERCHANT);
});

describe("validatedAction", () => {
  it("sends input that does not parse back with a message per field, without running the action", async () => {
    const work = vi.fn();
    const action = validatedAction({ schema: Order, role: "shopper", invalidMessage: "Please check the highlighted fields." }, work);

    const state = await action(
      null,
      form([
        ["email", "  not-an-address "],
        ["quantity", "0"],
        ["note", "  leave at the door "],
        ["coupon", " SPRING "],
      ]),
    );

    expect(state).toEqual({
      ok: false,
      message: "Please check the highlighted fields.",
      fieldErrors: { email: "Enter a valid e-mail address.", quantity: "At least one." },
    });
    expect(work).not.toHaveBeenCalled();
  });

  it("says every issue by its field unless told otherwise", async () => {
    const action = validatedAction({ schema: z.object({ password: z.string().min(12, "too short") }), role: "shopper", secrets: ["password"] }, vi.fn());

    expect(
      await action(
        null,
        form([
          ["password", " short "],
          ["email", "a@b.c"],
        ]),
      ),
    ).toEqual({
      ok: false,
      message: "password: too short",
      fieldErrors: { password: "too short" },
    });
    const computed = validatedAction({ schema: Order, role: "shopper", invalidMessage: async (error) => `${error.issues.length} problems` }, vi.fn());
    expect(await computed(null, form([]))).toMatchObject({ ok: false, message: "2 problems" });
  });

  it("runs the action with the parsed input: text trimmed, blanks absent, lists and checkboxes read, a secret as typed", async () => {
    const work = vi.fn(async () => ({ ok: true as const, message: "Done" }));
    const action = validatedAction({ schema: Order.extend({ password: textField }), role: "shopper", secrets: ["password"] }, work);

    const state = await action(
      null,
      form([
        ["email", " shopper@example.com "],
        ["quantity", "2"],
        ["note", "   "],
        ["gift", "on"],
        ["lines", "1"],
        ["lines", "3"],
        ["password", " with spaces "],
      ]),
    );

    expect(state).toEqual({ ok: true, message: "Done" });
    expect(work).toHaveBeenCalledWith(
      { email: "shopper@example.com", quantity: 2, note: undefined, gift: true, lines: ["1", "3"], password: " with spaces " },
      null,
    );
    await action(
      form([
        ["email", "shopper@example.com"],
        ["quantity", "1"],
        ["lines", "2"],
      ]),
    );
    expect(work).toHaveBeenLastCalledWith({ email: "shopper@example.com", quantity: 1, note: undefined, gift: false, lines: ["2"] }, null);
  });

  it("hands a merchant's action the signed-in user", async () => {
    const work = vi.fn(async () => null);
    await validatedAction({ schema: z.object({}), role: "merchant" }, work)(null, form([]));
    expect(guards.requireAdmin).toHaveBeenCalledOnce();
    expect(work).toHaveBeenCalledWith({}, MERCHANT);
  });

  it("refuses a caller without the role before it looks at the form", async () => {
    const work = vi.fn();
    guards.requireAdmin.mockRejectedValue(refusedWith(403));
    await expect(validatedAction({ schema: Order, role: "merchant" }, work)(null, form([["email", "bad"]]))).rejects.toMatchObject({
      digest: "NEXT_HTTP_ERROR_FALLBACK;403",
    });

    guards.requireSandboxOperator.mockRejectedValue(refusedWith(401));
    await expect(validatedAction({ schema: z.object({}), role: "sandbox-operator" }, work)(null, form([]))).rejects.toMatchObject({
      digest: "NEXT_HTTP_ERROR_FALLBACK;401",
    });
    expect(guards.requireSandboxOperator).toHaveBeenCalledWith("action");

    guards.requireSandboxMode.mockImplementation(() => {
      throw refusedWith(404);
    });
    await expect((validatedAction({ schema: z.object({}), role: "sandbox-consumer" }, work) as AnyCall)("not even a form")).rejects.toMatchObject({
      digest: "NEXT_HTTP_ERROR_FALLBACK;404",
    });
    expect(work).not.toHaveBeenCalled();
  });

  it("answers a call without a form, doing nothing", async () => {
    const work = vi.fn();
    const action = validatedAction({ schema: z.object({}), role: "shopper" }, work) as AnyCall;
    expect(await action(null, { email: "a@b.c" })).toEqual({ ok: false, message: "This form did not come from our page. Reload the page and try again." });
    expect(work).not.toHaveBeenCalled();
  });
});
