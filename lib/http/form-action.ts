// Server actions that take a form get it last: (form) from <form action>, (previous state, form)
// from useActionState. Anyone can call an action with other arguments; such a call gets this
// answer and does nothing, instead of failing inside the action with a 500.

const NOT_OUR_FORM = { ok: false, message: "This form did not come from our page. Reload the page and try again." };

/** How React calls it: with the form alone, or after the form's previous state. */
type FormActionCall<State> = ((form: FormData) => Promise<State>) & ((previous: State, form: FormData) => Promise<State>);

export function formAction<State>(handler: (form: FormData) => Promise<State>): FormActionCall<State> {
  return async (...args: unknown[]) => {
    const form = args.at(-1);
    return form instanceof FormData ? handler(form) : (NOT_OUR_FORM as State);
  };
}

/** A form's text field, trimmed; undefined when it is missing or blank. Every server action reads its fields this way. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
