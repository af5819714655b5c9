import Link from "next/link";

// Rendered with status 401 when a back-office action or page is reached without signing in.
export default function Unauthorized() {
  return (
    <main id="main" className="mx-auto w-full max-w-xl flex-1 space-y-4 px-4 py-24 text-center">
      <h1 className="text-3xl font-bold">Please sign in</h1>
      <p className="text-ink-600 dark:text-ink-400">This part of the back office needs you to be signed in.</p>
      <Link href="/admin/login" className="inline-block rounded-md bg-ink-900 px-5 py-2 font-semibold text-white">
        Sign in
      </Link>
    </main>
  );
}
