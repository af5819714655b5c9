"use client";

import { useActionState, useState } from "react";
import { signInToBackOffice } from "@/app/actions/admin-auth";

const input = "mt-1 w-full rounded-md border border-ink-200 bg-white px-3 py-2 dark:border-ink-600 dark:bg-ink-800";

export function SignInForm() {
  const [state, action, pending] = useActionState(signInToBackOffice, null);
  // Controlled: React resets an uncontrolled form after its action, and a wrong password must not cost the e-mail.
  const [email, setEmail] = useState("");
  return (
    <form action={action} className="space-y-4 rounded-card border border-ink-200 bg-white p-6 dark:border-ink-800 dark:bg-ink-900">
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          className={input}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={input} />
      </div>
      {state?.message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-ink-900 px-4 py-2.5 font-semibold text-white hover:bg-ink-800 disabled:opacity-60 dark:bg-brand-200 dark:text-ink-900"
      >
        Sign in
      </button>
    </form>
  );
}
