import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-4 py-16 text-center">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="text-ink-600 dark:text-ink-400">We could not find what you were looking for.</p>
      <Link href="/" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
        Back to the shop
      </Link>
    </div>
  );
}
