import type { Metadata } from "next";
import { PayByLinkForm } from "@/components/admin/pay-by-link-form";
import { requireSignedIn } from "@/lib/auth/guards";
import { listProducts } from "@/lib/shop/catalogue";
import { offeredMarkets } from "@/lib/shop/offered-markets";

export const metadata: Metadata = { title: "Pay by link" };

export default async function PayByLinkPage() {
  const user = await requireSignedIn();
  const catalogues = await Promise.all(
    offeredMarkets().map(async (market) => ({
      market,
      products: (await listProducts(market))
        .filter((product) => product.stock > 0)
        .map((product) => ({ id: product.id, name: product.name, unitPriceMinor: product.unitPriceMinor })),
    })),
  );
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Pay by link</h1>
      <p className="max-w-2xl text-ink-600 dark:text-ink-400">
        For telesales and in-store sales: build an order, and Klarna sends the customer a link to pay on their own device, or they scan the QR code.
      </p>
      {user.role === "admin" ? <PayByLinkForm catalogues={catalogues} /> : <p>You have read-only access.</p>}
    </div>
  );
}
