import type { Metadata } from "next";
import { requireSandboxOperator } from "@/lib/auth/sandbox-operator";
import { cookies } from "next/headers";
import { listOutbox, namespaceFromCookie, NAMESPACE_COOKIE } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Sandbox outbox" };

// What the sandbox "sent": the payment links of HPP's distribution endpoint, newest first.
export default async function OutboxPage() {
  await requireSandboxOperator("page");
  const messages = await listOutbox(namespaceFromCookie((await cookies()).get(NAMESPACE_COOKIE)?.value));
  return (
    <main id="main" className="mx-auto w-full max-w-4xl flex-1 space-y-6 px-4 py-10">
      <h1 className="text-3xl font-bold">Sandbox outbox</h1>
      <p className="text-ink-600 dark:text-ink-400">E-mails and SMS that Klarna would have sent for HPP&apos;s distribution endpoint.</p>
      {messages.length === 0 ? <p>Nothing has been sent yet.</p> : null}
      <ul className="space-y-4">
        {messages.map((message) => (
          // Payment links are long words: they wrap anywhere rather than make a narrow screen scroll sideways.
          <li
            key={message.id}
            className="min-w-0 space-y-1 rounded-card border border-ink-200 bg-white p-4 dark:border-ink-800 dark:bg-ink-900"
            data-testid="outbox-message"
          >
            <p className="text-sm text-ink-600 [overflow-wrap:anywhere] dark:text-ink-400">
              {message.method.toUpperCase()} to <strong data-testid="outbox-recipient">{message.recipient}</strong> ·{" "}
              {message.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
            </p>
            {message.subject ? <p className="font-semibold">{message.subject}</p> : null}
            <p lang={message.locale} className="[overflow-wrap:anywhere]">
              {message.body}
            </p>
            {message.link ? (
              <a href={message.link} className="text-sm underline [overflow-wrap:anywhere]">
                Open the payment link
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
