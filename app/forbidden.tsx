import Link from "next/link";

// Rendered with status 403 when a signed-in user lacks the role an action needs.
export default function Forbidden() {
  return (
    <main id="main" className="mx-auto w-full max-w-xl flex-1 space-y-4 px-4 py-24 text-center">
      <h1 className="text-3xl font-bold">Not allowed</h1>
      <p className="text-ink-600 dark:text-ink-400">Your account can look but not change orders. Ask an administrator.</p>
      <Link href="/admin" className="inline-block rounded-md bg-ink-900 px-5 py-2 font-semibold text-white">
        Back to the dashboard
      </Link>
    </main>
  );
}
