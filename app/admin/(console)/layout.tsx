import Link from "next/link";
import { signOutOfBackOffice } from "@/app/actions/admin-auth";
import { requireSignedIn } from "@/lib/auth/guards";
import { config } from "@/lib/config";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  return (
    <>
      <header className="border-b border-ink-200 bg-ink-900 text-white dark:border-ink-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-6 px-4 py-3">
          <Link href="/admin" className="font-bold">
            Northwind back office
          </Link>
          <nav aria-label="Back office" className="flex gap-4 text-sm">
            <Link href="/admin/orders" className="hover:underline">
              Orders
            </Link>
            <Link href="/admin/pay-by-link" className="hover:underline">
              Pay by link
            </Link>
            <Link href="/" className="hover:underline">
              Shop
            </Link>
            {config().sandboxEnabled ? (
              <Link href="/sandbox" className="hover:underline">
                Sandbox
              </Link>
            ) : null}
          </nav>
          <form action={signOutOfBackOffice} className="ml-auto flex items-center gap-3 text-sm">
            <span>
              {user.email} ({user.role})
            </span>
            <button type="submit" className="rounded border border-white/40 px-3 py-1 hover:bg-white/10">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </>
  );
}
