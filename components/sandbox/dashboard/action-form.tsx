"use client";

import { useActionState } from "react";
import type { DashboardActionState } from "@/app/sandbox/_actions/dashboard";
import { BUTTON } from "./ui";

// A dashboard form bound to a server action, showing its result (or the sandbox's refusal).

type Action = (previous: DashboardActionState, formData: FormData) => Promise<DashboardActionState>;

export function ActionForm({
  action,
  submitLabel,
  children,
  className = "space-y-3",
  buttonClassName = BUTTON,
  label,
  testId,
}: {
  action: Action;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  buttonClassName?: string;
  /** An accessible name for the form. */
  label?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={className} aria-label={label} data-testid={testId}>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClassName}>
          {submitLabel}
        </button>
        {state ? (
          <p
            role={state.ok ? "status" : "alert"}
            className={`text-sm ${state.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
          >
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
